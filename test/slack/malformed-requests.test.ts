import { eventually } from '../support/app.js';
import { rawPost, seededRandom, watchUnhandledRejections, type RawAnswer } from '../support/raw-http.js';
import { checkEnvelope } from '../../src/bot/slack/envelope.js';
import { appHomeOpened, blockAction, menuChoice, slashCommand, text, viewSubmission } from './support/payloads.js';
import { postCommand, postEvent, postInteraction, sign, SIGNING_SECRET } from './support/signed-requests.js';
import { startSlackHarness, type SlackHarness } from './support/slack-harness.js';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

let h: SlackHarness;
const rejections = watchUnhandledRejections();

beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(async () => {
  rejections.stop();
  await h.stop();
});

interface Signing {
  secret?: string;
  timestamp?: number;
  unsigned?: boolean;
}

/** Exact bytes to /slack/events, signed as Slack signs them unless told otherwise. */
function post(body: string | Buffer, contentType: string, signing: Signing = {}): Promise<RawAnswer> {
  const timestamp = signing.timestamp ?? Math.floor(Date.now() / 1000);
  const text = typeof body === 'string' ? body : body.toString('utf8');
  const headers: Record<string, string> = { 'content-type': contentType };
  if (!signing.unsigned) {
    headers['x-slack-request-timestamp'] = String(timestamp);
    headers['x-slack-signature'] = sign(text, timestamp, signing.secret ?? SIGNING_SECRET);
  }
  return rawPost(h.events, body, headers);
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const interaction = (payload: string) => form({ payload });

/** The service still answers a real request the usual way. */
async function expectStillServing(): Promise<void> {
  const check = await postEvent(h.events, { type: 'url_verification', token: 'legacy', challenge: 'vis-dar-gyvas' });
  expect(check).toMatchObject({ status: 200, json: { challenge: 'vis-dar-gyvas' } });
  const command = await postCommand(h.events, slashCommand('UONA00001', 'help', `${h.api.url}/hooks/still-serving`));
  expect(command.status).toBe(200);
  // A click goes through to its listener: an unknown user is told so in private.
  const before = h.api.ok('chat.postEphemeral').length;
  expect((await postInteraction(h.events, blockAction('USTRANGER', 'claim', 'x', { channel: 'C0STAFF01', ts: '1.2' }))).status).toBe(200);
  await eventually(() => expect(h.api.ok('chat.postEphemeral').length).toBeGreaterThan(before));
  expect(rejections.seen).toEqual([]);
}

/** Signed bodies Bolt would have choked on, by what is wrong with them. */
const SIGNED_MALFORMED: Array<[string, string, string]> = [
  ['payload=null', interaction('null'), FORM],
  ['payload=[]', interaction('[]'), FORM],
  ['payload=42', interaction('42'), FORM],
  ['payload="text"', interaction('"text"'), FORM],
  ['payload of garbage', interaction('{"type":'), FORM],
  ['payload without type', interaction(JSON.stringify({ user: { id: 'UONA00001' }, actions: [{ action_id: 'claim' }] })), FORM],
  ['payload of an unknown type', interaction(JSON.stringify({ type: 'mystery', user: { id: 'UONA00001' } })), FORM],
  ['block_actions with user null', interaction(JSON.stringify({ type: 'block_actions', user: null, actions: [{ action_id: 'claim', value: 'x' }] })), FORM],
  ['block_actions with no actions', interaction(JSON.stringify({ type: 'block_actions', user: { id: 'UONA00001' }, actions: [] })), FORM],
  ['block_actions with channel null', interaction(JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'claim' }], channel: null })), FORM],
  ['block_actions carrying an event', interaction(JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'claim' }], event: 'x' })), FORM],
  ['view_submission without a view', interaction(JSON.stringify({ type: 'view_submission', user: { id: 'UONA00001' } })), FORM],
  ['payload twice', `${interaction('{"type":"shortcut"}')}&${interaction('{"type":"shortcut"}')}`, FORM],
  ['form with neither payload nor command', form({ text: 'help', user_id: 'UONA00001' }), FORM],
  ['slash command without a user', form({ command: '/inquiry', text: 'help' }), FORM],
  ['JSON null', 'null', JSON_TYPE],
  ['JSON []', '[]', JSON_TYPE],
  ['JSON number', '7', JSON_TYPE],
  ['JSON string', '"event_callback"', JSON_TYPE],
  ['JSON garbage', '{"type": "event_callback", ', JSON_TYPE],
  ['empty body', '', JSON_TYPE],
  ['JSON without type', JSON.stringify({ event: { type: 'app_home_opened', user: 'UONA00001' } }), JSON_TYPE],
  ['event_callback with event null', JSON.stringify({ type: 'event_callback', event: null }), JSON_TYPE],
  ['event_callback with a numeric channel', JSON.stringify({ type: 'event_callback', event: { type: 'app_home_opened', channel: 5 } }), JSON_TYPE],
  ['event_callback with user null', JSON.stringify({ type: 'event_callback', event: { type: 'app_home_opened', user: null } }), JSON_TYPE],
  ['url_verification without a challenge', JSON.stringify({ type: 'url_verification' }), JSON_TYPE],
  ['a form body sent with a charset (Bolt reads it as JSON)', interaction('{"type":"shortcut"}'), `${FORM}; charset=utf-8`],
];

describe('well-formed requests', () => {
  it('every kind of request Slack sends the app passes the envelope check as Slack shapes it', () => {
    const asForm = (payload: object) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const ok = { ok: true };
    expect(checkEnvelope(asForm(blockAction('U1', 'claim', 'x')), FORM)).toEqual(ok);
    expect(checkEnvelope(asForm(blockAction('U1', 'claim', 'x', { channel: 'C1', ts: '1.2' })), FORM)).toEqual(ok);
    expect(checkEnvelope(asForm(menuChoice('U1', 'inquiry_more', 'release')), FORM)).toEqual(ok);
    expect(checkEnvelope(asForm(viewSubmission('U1', 'log_call', { summary: text('x') })), FORM)).toEqual(ok);
    expect(checkEnvelope(asForm({ type: 'view_closed', user: { id: 'U1' }, team: null, view: { id: 'V1' } }), FORM)).toEqual(ok);
    expect(checkEnvelope(form(slashCommand('U1', 'help', 'https://hooks.slack.com/x')), FORM)).toEqual(ok);
    expect(checkEnvelope(JSON.stringify(appHomeOpened('U1')), JSON_TYPE)).toEqual(ok);
    expect(checkEnvelope(JSON.stringify({ type: 'url_verification', challenge: 'c', token: 't' }), JSON_TYPE)).toEqual(ok);
  });
});

describe('signed but malformed requests', () => {
  it.each(SIGNED_MALFORMED)('R12.records: %s is refused with 400 before Bolt sees it, and the process lives on', async (_name, body, contentType) => {
    const answer = await post(body, contentType);
    expect(answer).toMatchObject({ status: 400, socketError: null });
    expect(JSON.parse(answer.body)).toEqual({ error: 'malformed_payload' });
  });

  it('R12.records: after all of them the service still answers real requests, and nothing was rejected unhandled', async () => {
    await expectStillServing();
  });
});

describe('unsigned and forged requests', () => {
  it('R4.owner: an unsigned request is refused with 401, malformed or not, so nobody acts as a staff member', async () => {
    expect((await post(interaction('null'), FORM, { unsigned: true })).status).toBe(401);
    const click = interaction(JSON.stringify({ type: 'block_actions', user: { id: 'UONA00001' }, actions: [{ action_id: 'claim', value: 'x' }] }));
    expect((await post(click, FORM, { unsigned: true })).status).toBe(401);
  });

  it('R4.owner: a wrong secret or a stale timestamp is 401, even for a body that would be malformed', async () => {
    expect((await post('null', JSON_TYPE, { secret: 'not-the-signing-secret' })).status).toBe(401);
    expect((await post(interaction('null'), FORM, { timestamp: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
    const answer = await rawPost(h.events, 'null', { 'content-type': JSON_TYPE, 'x-slack-request-timestamp': 'soon', 'x-slack-signature': 'v0=00' });
    expect(answer.status).toBe(401);
  });

  it('Slack’s unsigned ssl_check still gets its 200 (Bolt answers it, and drops any other field)', async () => {
    expect((await post(form({ ssl_check: '1', token: 'legacy' }), FORM, { unsigned: true })).status).toBe(200);
  });

  it('a click smuggled into an unsigned ssl_check is not carried out (Bolt no longer verifies behind the route)', async () => {
    const click = JSON.stringify(blockAction('USTRANGER', 'claim', 'x', { channel: 'C0STAFF01', ts: '1.2' }));
    const before = h.api.ok('chat.postEphemeral').length;
    expect((await post(form({ ssl_check: '1', payload: click }), FORM, { unsigned: true })).status).toBe(200);
    // A signed click after it is answered; the smuggled one never was.
    await expectStillServing();
    expect(h.api.ok('chat.postEphemeral').length).toBe(before + 1);
  });
});

describe('bodies over 1 MB', () => {
  it('R12.records: a 1.5 MB body gets a 413 the client can read (no reset), signed or not', async () => {
    const big = interaction(JSON.stringify({ type: 'block_actions', padding: 'x'.repeat(1_500_000) }));
    for (const signing of [{}, { unsigned: true }]) {
      const answer = await post(big, FORM, signing);
      expect(answer).toMatchObject({ status: 413, socketError: null, closes: true });
      expect(JSON.parse(answer.body)).toEqual({ error: 'too_large' });
    }
    await expectStillServing();
  });
});

describe('a deterministic fuzz run', () => {
  it('R12.records: 200 malformed requests, signed, unsigned or forged, get only 4xx, never a 5xx or a socket error', async () => {
    const random = seededRandom(11);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const statuses = new Map<number, number>();
    for (let i = 0; i < 200; i += 1) {
      const { body, contentType } = malformedBody(random, pick);
      const roll = random();
      const signing: Signing = roll < 0.8 ? {} : roll < 0.9 ? { unsigned: true } : { secret: 'forged-secret-000' };
      const answer = await post(body, contentType, signing);
      expect({ i, socketError: answer.socketError }).toEqual({ i, socketError: null });
      expect({ i, status: answer.status }).toEqual({ i, status: roll < 0.8 ? 400 : 401 });
      statuses.set(answer.status!, (statuses.get(answer.status!) ?? 0) + 1);
    }
    expect([...statuses.keys()].sort()).toEqual([400, 401]);
    await expectStillServing();
  });
});

/** Values that are not a Slack envelope, each for a different reason Bolt could trip over. */
const BAD_VALUES: unknown[] = [
  null, [], 0, -1.5, true, 'text', {}, { type: 1 }, { type: null }, { type: 'mystery' },
  { type: 'event_callback' }, { type: 'event_callback', event: [] }, { type: 'event_callback', event: 'x' },
  { type: 'event_callback', event: { type: 'app_home_opened', item: 'x' } }, { type: 'event_callback', event: { type: 'x', subteam: null } },
  { type: 'event_callback', event: { type: 'x' }, authorizations: [null] }, { type: 'url_verification', challenge: 5 },
  { type: 'block_actions' }, { type: 'block_actions', user: 'UONA00001', actions: [{ action_id: 'claim' }] },
  { type: 'block_actions', user: { id: 'U1' }, actions: [null] }, { type: 'block_actions', user: { id: 'U1' }, actions: 'claim' },
  { type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'claim' }], team: 'T1' },
  { type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'claim' }], name: 'x' },
  { type: 'view_submission', user: { id: 'U1' }, view: null }, { type: 'view_closed', user: { id: 'U1' }, view: { id: 3 } },
  { type: 'shortcut', user: { id: 'U1' } }, { type: 'message_action', user: { id: 'U1' }, callback_id: 'x', channel: null },
  { type: 'block_suggestion', user: { id: 'U1' } }, { command: '/inquiry' }, { command: 'inquiry', user_id: 'U1' },
];

function malformedBody(random: () => number, pick: <T>(items: readonly T[]) => T): { body: string; contentType: string } {
  const value = JSON.stringify(pick(BAD_VALUES));
  const garbage = () => {
    const text = JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'claim' }] });
    return text.slice(0, 1 + Math.floor(random() * (text.length - 2)));
  };
  const bytes = () => Buffer.from(Array.from({ length: 1 + Math.floor(random() * 40) }, () => Math.floor(random() * 256))).toString('latin1');
  switch (pick(['json', 'payload', 'garbage-json', 'garbage-payload', 'bytes', 'fields', 'odd-type'] as const)) {
    case 'json':
      return { body: value, contentType: JSON_TYPE };
    case 'payload':
      return { body: interaction(value), contentType: FORM };
    case 'garbage-json':
      return { body: garbage(), contentType: JSON_TYPE };
    case 'garbage-payload':
      return { body: interaction(garbage()), contentType: FORM };
    case 'bytes':
      return { body: bytes(), contentType: pick([JSON_TYPE, FORM, 'text/plain']) };
    case 'fields': {
      const parsed = pick(BAD_VALUES);
      const fields = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.entries(parsed).map(([key, v]) => [key, JSON.stringify(v)]) : [['x', value]];
      return { body: new URLSearchParams(fields as string[][]).toString(), contentType: FORM };
    }
    case 'odd-type':
      return { body: value, contentType: pick(['text/plain', `${FORM}; charset=utf-8`, 'application/xml']) };
  }
}
