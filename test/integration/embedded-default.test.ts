import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startEmbeddedDatabase } from '../../src/persistence/embedded-database.js';
import { emailedRequest, eventually, RecordingNotifier } from '../support/app.js';
import { TEST_DATA_KEYS } from '../support/encryption-keys.js';
import { freePort } from '../support/database.js';

const logger = createLogger('silent');

it('R12.records: with no DATABASE_URL the service starts its own PostgreSQL, and the data survives a restart', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'langelis-data-'));
  const config = loadConfig({ DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(await freePort()), PORT: '0', HOST: '127.0.0.1' });
  const first = await startApp(config, logger, { notifiers: [] });
  let registryNumber: string;
  try {
    const health = await fetch(`${first.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'up', scheduler: 'running' });
    registryNumber = (await first.inquiries.register(emailedRequest())).inquiry.registryNumber;
  } finally {
    await first.stop();
  }
  const second = await startApp(config, logger, { notifiers: [] });
  try {
    const [row] = await second.dataSource.query('SELECT registry_number FROM inquiries');
    expect(row.registry_number).toBe(registryNumber);
  } finally {
    await second.stop();
  }
});

it('R12.records: a database restart → /healthz 503 and a clear failure while it is down, then work resumes and no event is lost', async () => {
  const dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'langelis-restart-')), 'pg');
  const port = await freePort();
  let database = await startEmbeddedDatabase({ dataDir, port, database: 'langelis_restart_test' });
  const recorder = new RecordingNotifier();
  const app = await startApp(loadConfig({ DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1', DATA_KEYS: TEST_DATA_KEYS }), logger, {
    notifiers: [recorder],
    dispatcher: { pollMs: 50, baseBackoffMs: 20, maxBackoffMs: 200 },
  });
  try {
    const before = await app.inquiries.register(emailedRequest());
    await database.stop();

    const down = await fetch(`${app.url}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'unavailable', database: 'down' });
    await expect(app.inquiries.register(emailedRequest())).rejects.toThrow();

    database = await startEmbeddedDatabase({ dataDir, port, database: 'langelis_restart_test' });
    await eventually(async () => expect((await fetch(`${app.url}/healthz`)).status).toBe(200));
    const after = await eventually(() => app.inquiries.register(emailedRequest()));
    await eventually(() =>
      expect(recorder.ofType('registered').map((event) => event.inquiryId)).toEqual([before.inquiry.id, after.inquiry.id]),
    );
  } finally {
    await app.stop();
    await database.stop();
  }
});
