import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FakeSlackApi } from '../slack/support/fake-slack-api.js';
import { SIGNING_SECRET } from '../slack/support/signed-requests.js';
import { SilentProxy } from '../support/silent-proxy.js';
import { startAppProcess } from '../support/app-process.js';
import { createTestDatabase, freePort, type TestDatabase } from '../support/database.js';
import { eventually } from '../support/app.js';

/** `npm start` as an operator runs it (dist/main.js, environment only), with Slack on a connection that never answers. */
describe('the service process', () => {
  let database: TestDatabase;
  let api: FakeSlackApi;
  let slack: SilentProxy;
  let folder: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await new FakeSlackApi().start();
    slack = await new SilentProxy(() => api.url).start();
    folder = await mkdtemp(path.join(tmpdir(), 'langelis-faults-'));
  });
  afterAll(async () => {
    await slack.stop();
    await api.stop();
    await database.drop();
    await rm(folder, { recursive: true, force: true });
  });

  it('R12.records: starts while Slack never answers, and a promise rejection nobody handles is logged and counted in /healthz, not fatal', async () => {
    // Stands in for a bug: one rejection nobody awaits, once the service answers (however slowly it started).
    const bug = path.join(folder, 'unhandled.mjs');
    await writeFile(
      bug,
      [
        'const url = `http://127.0.0.1:${process.env.PORT}/healthz`;',
        'let fired = false;',
        'const poll = setInterval(() => {',
        "  fetch(url).then(() => { clearInterval(poll); if (fired) return; fired = true; setTimeout(() => { Promise.reject(new Error('nobody awaited me')); }, 100); }, () => {});",
        '}, 200);',
        '',
      ].join('\n'),
    );
    const service = await startAppProcess('faults', {
      DATABASE_URL: database.url,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      NODE_OPTIONS: `--import=${pathToFileURL(bug).href}`,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_STAFF_CHANNEL: 'C0STAFF01',
      SLACK_API_URL: `${slack.url}/api/`,
      CHAT_API_TIMEOUT_SECONDS: '0.5',
    });
    try {
      const body = await eventually(async () => {
        const response = await fetch(`${service.url}/healthz`);
        expect(response.status).toBe(200);
        const answer = await response.json();
        expect(answer.process.unhandledRejections).toBe(1);
        return answer;
      });
      expect(body.platforms.slack.state).not.toBe('up');
      expect(service.output()).toContain('unhandled promise rejection');
      expect(service.output()).toContain('nobody awaited me');
      // Still alive and serving the public form.
      expect((await fetch(`${service.url}/`)).status).toBe(200);
    } finally {
      expect(await service.stop()).toBe(0);
    }
  });
});
