import pg from 'pg';
import { FakeSlackApi, type RecordedCall } from '../slack/support/fake-slack-api.js';
import { SIGNING_SECRET } from '../slack/support/signed-requests.js';
import { eventually } from '../support/app.js';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import { createTestDatabase, freePort, type TestDatabase } from '../support/database.js';
import { postWebForm, webFormFields } from '../support/web-form.js';

/**
 * Real `node dist/main.js` processes killed with SIGKILL, Slack over HTTP against the fake Web API: what a crash,
 * an OOM kill or a host restart does. Nothing may be lost (R12.records) and nothing announced twice (R15.register).
 */

const STAFF_CHANNEL = 'C0STAFF01';

let database: TestDatabase;
let db: pg.Pool;
let slack: FakeSlackApi;
const processes: AppProcess[] = [];

beforeEach(async () => {
  database = await createTestDatabase();
  db = new pg.Pool({ connectionString: database.url, max: 2 });
  slack = await new FakeSlackApi().start();
});

afterEach(async () => {
  await Promise.allSettled(processes.splice(0).map((instance) => instance.stop(2_000)));
  await db.end();
  await slack.stop();
  await database.drop();
});

async function start(name: string, extra: Record<string, string> = {}): Promise<AppProcess> {
  const instance = await startAppProcess(name, {
    DATABASE_URL: database.url,
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    LOG_LEVEL: 'info',
    SLACK_BOT_TOKEN: 'xoxb-crash',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_STAFF_CHANNEL: STAFF_CHANNEL,
    SLACK_API_URL: slack.apiUrl,
    WEB_FORM_RATE_LIMIT: '100',
    ...extra,
  });
  processes.push(instance);
  return instance;
}

/** On failure the error carries the tail of every process's log. */
function explained(body: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await body();
    } catch (error) {
      const tails = processes.map((instance) => `----- ${instance.name} -----\n${instance.output().split('\n').slice(-40).join('\n')}`);
      if (error instanceof Error) error.message += `\n\n${tails.join('\n')}`;
      throw error;
    }
  };
}


/** The cards Slack accepted in the staff channel (thread notes aside), whether or not the bot heard the answer. */
const cardPosts = (): RecordedCall[] =>
  slack.calls.filter((call) => call.method === 'chat.postMessage' && call.status === 200 && call.body.channel === STAFF_CHANNEL && !call.body.thread_ts);

const inquiryOf = (call: RecordedCall): string => call.body.metadata?.event_payload?.inquiryId;

async function announcements(): Promise<Map<string, string>> {
  const { rows } = await db.query(`SELECT inquiry_id, message_id FROM chat_posts WHERE platform = 'slack' AND purpose = 'announcement'`);
  return new Map(rows.map((row) => [row.inquiry_id as string, row.message_id as string]));
}

/** Each inquiry has one card in the channel, and the one recorded is that card. */
async function expectEachAnnouncedOnce(inquiryIds: string[]): Promise<void> {
  const recorded = await eventually(async () => {
    const posts = await announcements();
    expect(inquiryIds.filter((id) => !posts.has(id))).toEqual([]);
    return posts;
  }, 45_000);
  // Three outbox polls: a second card would have shown by then.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const cards = cardPosts();
  for (const id of inquiryIds) {
    const mine = cards.filter((call) => inquiryOf(call) === id);
    expect([id, mine.map((call) => call.answer?.ts)]).toEqual([id, [recorded.get(id)]]);
  }
  expect(cards).toHaveLength(inquiryIds.length);
}

it('R15.register / R12.records: a SIGKILL during a burst of 20 web-form announcements at 250 ms Slack latency; after the restart each inquiry is announced exactly once, none lost', explained(async () => {
  slack.latencyMs = 250;
  let current: AppProcess = await start('instance A');
  const forms = Array.from({ length: 20 }, () => webFormFields());

  // A client's browser: sends each form and, when the server is gone, sends the same form again until answered.
  const submit = async (fields: Record<string, unknown>): Promise<string> => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const answer = await postWebForm(current.url, fields)
        .then(async (response) => (response.status < 300 ? ((await response.json()) as { registryNumber: string }) : null), () => null);
      if (answer) return answer.registryNumber;
      if (Date.now() > deadline) throw new Error('a form was never answered');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const submitted = (async () => {
    const numbers: string[] = [];
    for (const fields of forms) {
      numbers.push(await submit(fields));
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    return numbers;
  })();

  // Killed while Slack holds answers to cards already posted: those are posted but not recorded.
  await eventually(() => expect(cardPosts().length).toBeGreaterThanOrEqual(5), 20_000);
  await current.kill('SIGKILL');
  const postedBeforeKill = cardPosts().length;
  const recordedBeforeKill = (await announcements()).size;
  expect(postedBeforeKill).toBeGreaterThan(recordedBeforeKill);

  current = await start('instance A, restarted');
  const numbers = await submitted;
  expect(new Set(numbers).size).toBe(20);
  const { rows } = await db.query('SELECT id FROM inquiries WHERE external_id = ANY($1)', [forms.map((fields) => `web:${fields.submissionId}`)]);
  expect(rows).toHaveLength(20);
  await expectEachAnnouncedOnce(rows.map((row) => row.id as string));
  // The restarted instance looked before posting again: what A had posted unrecorded was found, not reposted.
  expect(slack.calls.filter((call) => call.method === 'conversations.history' && call.body.channel === STAFF_CHANNEL).length).toBeGreaterThanOrEqual(postedBeforeKill - recordedBeforeKill);
  expect((await db.query('SELECT count(*)::int AS n FROM outbox WHERE delivered_at IS NULL')).rows[0].n).toBe(0);
}), 120_000);

it('R12.records: events leased by an instance that dies are delivered by another within 20 s; while it lives, its renewed lease keeps them its own', explained(async () => {
  // Slack takes A's cards at once but answers only after a minute: A holds the events meanwhile. B (its own
  // token) is answered at once.
  slack.latencyMs = (method, token) => (method === 'chat.postMessage' && token === 'xoxb-slow' ? 60_000 : 0);
  const a = await start('instance A', { CHAT_API_TIMEOUT_SECONDS: '120', SLACK_BOT_TOKEN: 'xoxb-slow' });
  const forms = [1, 2, 3].map(() => webFormFields());
  for (const fields of forms) {
    const response = await postWebForm(a.url, fields);
    expect(response.status).toBe(201);
  }
  // A delivery Slack has not answered holds back the consumer's later ones: A holds the first card's event at least.
  const held = await eventually(() => {
    const posted = cardPosts().map(inquiryOf);
    expect(posted.length).toBeGreaterThan(0);
    return posted;
  }, 10_000);
  const taken = Date.now();
  await start('instance B', { CHAT_API_TIMEOUT_SECONDS: '120' });

  // Past the 15 s lease: B, polling all along, has not touched A's events, because A renews its lease while it works.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, taken + 18_000 - Date.now())));
  const recorded = await announcements();
  expect(held.filter((id) => recorded.has(id))).toEqual([]);
  expect(slack.calls.filter((call) => call.method === 'conversations.history')).toEqual([]);
  for (const id of held) expect(cardPosts().filter((call) => inquiryOf(call) === id)).toHaveLength(1);

  const killed = Date.now();
  await a.kill('SIGKILL');
  const { rows } = await db.query('SELECT id FROM inquiries WHERE external_id = ANY($1)', [forms.map((fields) => `web:${fields.submissionId}`)]);
  await eventually(async () => expect((await announcements()).size).toBe(3), 25_000);
  expect(Date.now() - killed).toBeLessThan(20_000);
  // B found the cards A had posted and recorded them; Slack shows each once.
  expect(slack.calls.filter((call) => call.method === 'conversations.history').length).toBeGreaterThanOrEqual(held.length);
  await expectEachAnnouncedOnce(rows.map((row) => row.id as string));
}), 90_000);
