import { randomUUID } from 'node:crypto';
import { createLogger } from '../../src/logger.js';
import { eventually, RecordingNotifier, startTestApp, type TestApp } from '../support/app.js';
import { SilentProxy } from '../support/silent-proxy.js';
import { FakeSlackApi } from './support/fake-slack-api.js';
import { SIGNING_SECRET } from './support/signed-requests.js';

/**
 * Intake does not depend on chat (#11): while Slack cannot be reached the service starts, takes inquiries and
 * delivers to everyone else; Slack's notices wait in the outbox and go out, once each, when it is back.
 */
const slackEnv = (apiUrl: string) => ({
  SLACK_BOT_TOKEN: 'xoxb-test',
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_STAFF_CHANNEL: 'C0STAFF01',
  SLACK_API_URL: apiUrl,
  CHAT_API_TIMEOUT_SECONDS: '0.3',
});

async function submitWebForm(t: TestApp): Promise<string> {
  const fields = {
    submissionId: randomUUID(), lang: 'lt', name: 'Giedrė Žemaitienė', email: 'giedre@example.lt', phone: '', language: 'lt',
    kind: 'question', subject: 'Dėl vasaros atostogų', message: 'Kada prasideda vasaros atostogos?', consent: 'on',
  };
  const response = await fetch(`${t.app.url}/inquiries`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  expect(response.status).toBe(200);
  const number = /id="registry-number"><strong>(\d{4}-\d{6})</.exec(await response.text())?.[1];
  const [row] = await t.app.dataSource.query('SELECT id FROM inquiries WHERE registry_number = $1', [number]);
  return row.id as string;
}

async function health(t: TestApp): Promise<{ status: number; body: any }> {
  const response = await fetch(`${t.app.url}/healthz`);
  return { status: response.status, body: await response.json() };
}

const announced = (api: FakeSlackApi, inquiryId: string) => api.ok('chat.postMessage', (body) => JSON.stringify(body.blocks ?? []).includes(inquiryId));

describe('Slack accepting connections and never answering', () => {
  let api: FakeSlackApi;
  let slack: SilentProxy;
  let t: TestApp;
  const recorder = new RecordingNotifier();
  let startedInMs: number;

  beforeAll(async () => {
    api = await new FakeSlackApi().start();
    slack = await new SilentProxy(() => api.url).start();
    const begun = Date.now();
    // Retries paced as in production (from 1 s): with the tests' usual 20 ms the dispatcher would take Slack's
    // failed event again within its own round, and a round ends only when every consumer is done.
    const dispatcher = { pollMs: 50, baseBackoffMs: 1_000, maxBackoffMs: 2_000 };
    t = await startTestApp({ notifiers: [recorder], dispatcher }, undefined, { ...slackEnv(`${slack.url}/api/`), HEALTH_STUCK_AFTER_SECONDS: '3' });
    startedInMs = Date.now() - begun;
  });
  afterAll(async () => {
    await t?.stop();
    await slack.stop();
    await api.stop();
  });

  it('R12.records: the service starts and takes web inquiries, other consumers keep delivering, /healthz shows Slack down and then 503 stuck; once Slack answers each announcement goes out once', async () => {
    expect(startedInMs).toBeLessThan(15_000);
    const first = await submitWebForm(t);
    await eventually(() => expect(recorder.events.filter((event) => event.type === 'registered' && event.inquiryId === first)).toHaveLength(1));

    const down = await eventually(async () => {
      const answer = await health(t);
      expect(answer.body.platforms.slack).toMatchObject({ state: 'down', reason: 'timeout' });
      return answer;
    });
    expect(down.body.database).toBe('up');
    expect(slack.swallowed).toBeGreaterThan(0);

    // A second inquiry while Slack still hangs reaches the other consumers. Within a bound, not at once: the
    // dispatcher starts a new round when every consumer finished the last, and Slack's calls now fail in time.
    const second = await submitWebForm(t);
    await eventually(() => expect(recorder.events.filter((event) => event.type === 'registered' && event.inquiryId === second)).toHaveLength(1));

    const stuck = await eventually(async () => {
      const answer = await health(t);
      expect(answer.status).toBe(503);
      return answer.body;
    });
    expect(stuck).toMatchObject({ status: 'stuck', database: 'up' });
    expect(stuck.outbox.oldestPendingByConsumer.slack).toBeGreaterThan(3);
    expect(api.calls).toHaveLength(0);

    slack.answer();
    await eventually(() => {
      expect(announced(api, first)).toHaveLength(1);
      expect(announced(api, second)).toHaveLength(1);
    }, 30_000);
    await eventually(async () => {
      const answer = await health(t);
      expect(answer.status).toBe(200);
      expect(answer.body.status).toBe('ok');
      expect(answer.body.platforms.slack.state).toBe('up');
    }, 30_000);
    // Nothing twice: each event was delivered once it was answered.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(announced(api, first)).toHaveLength(1);
    expect(announced(api, second)).toHaveLength(1);
  });
});

describe('Slack refusing the token at start', () => {
  it('R12.records: invalid_auth is logged as an error and shown in /healthz, the service still takes a web inquiry and announces it once Slack accepts the token', async () => {
    const api = await new FakeSlackApi().start();
    api.failNext('auth.test', { error: 'invalid_auth' }, { error: 'invalid_auth' });
    api.failNext('chat.postMessage', { error: 'invalid_auth' }, { error: 'invalid_auth' });
    const lines: Array<{ level: number; msg: string; code?: string }> = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
    const t = await startTestApp({ notifiers: [] }, undefined, slackEnv(api.apiUrl), logger);
    try {
      await eventually(async () => expect((await health(t)).body.platforms.slack).toMatchObject({ state: 'down', reason: 'invalid_auth' }));
      expect(lines.some((line) => line.level >= 50 && line.code === 'invalid_auth')).toBe(true);
      expect((await health(t)).status).toBe(200);

      const inquiry = await submitWebForm(t);
      await eventually(() => expect(announced(api, inquiry)).toHaveLength(1), 30_000);
      await eventually(async () => expect((await health(t)).body.platforms.slack).toMatchObject({ state: 'up', reason: null }), 30_000);
      expect(announced(api, inquiry)).toHaveLength(1);
    } finally {
      await t.stop();
      await api.stop();
    }
  });
});
