import { startTestApp } from '../support/app.js';

it('starts and answers /healthz', async () => {
  const t = await startTestApp();
  try {
    const response = await fetch(`${t.app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ database: 'up', scheduler: 'running' });
  } finally {
    await t.stop();
  }
});
