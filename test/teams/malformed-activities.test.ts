import { ConfigError, loadConfig } from '../../src/config.js';
import { rawPost, seededRandom, watchUnhandledRejections, type RawAnswer } from '../support/raw-http.js';
import { cardAction, message } from './support/activities.js';
import { eventually, people, startTeams, type TeamsHarness } from './support/teams-app.js';

let h: TeamsHarness;
const rejections = watchUnhandledRejections();

beforeAll(async () => {
  h = await startTeams();
});
afterAll(async () => {
  rejections.stop();
  await h.stop();
});

const post = (body: string | Buffer, contentType = 'application/json'): Promise<RawAnswer> => rawPost(`${h.t.app.url}/api/messages`, body, { 'content-type': contentType });

/** A well-formed message from Ona, to be spoiled one field at a time. */
const good = () => message(h.connector.url, people.ona, 'help', { personal: true }) as Record<string, unknown>;
const invoke = () => cardAction(h.connector.url, people.ona, 'claim', { inquiryId: 'x' }) as Record<string, unknown>;
const without = (activity: Record<string, unknown>, field: string) => Object.fromEntries(Object.entries(activity).filter(([key]) => key !== field));

/** The bot still answers a real message: a reply reaches the connector. */
async function expectStillServing(): Promise<void> {
  const before = h.connector.sent().length + h.connector.replies().length;
  const answer = await post(JSON.stringify(good()));
  expect(answer).toMatchObject({ status: 200, socketError: null });
  await eventually(() => expect(h.connector.sent().length + h.connector.replies().length).toBeGreaterThan(before));
  expect(rejections.seen).toEqual([]);
}

const MALFORMED: Array<[string, () => unknown]> = [
  ['JSON null', () => null],
  ['an array', () => [good()]],
  ['a number', () => 42],
  ['a string', () => 'message'],
  ['no type', () => without(good(), 'type')],
  ['an empty type', () => ({ ...good(), type: '' })],
  ['a serviceUrl that is no URL', () => ({ ...good(), serviceUrl: 'not a url' })],
  ['a serviceUrl that is not http(s)', () => ({ ...good(), serviceUrl: 'ftp://127.0.0.1/' })],
  ['a javascript: serviceUrl', () => ({ ...good(), serviceUrl: 'javascript:alert(1)' })],
  ['a numeric serviceUrl', () => ({ ...good(), serviceUrl: 8080 })],
  ['no serviceUrl', () => without(good(), 'serviceUrl')],
  ['a locale Intl rejects', () => ({ ...good(), locale: 'lt_LT!!' })],
  ['an empty locale', () => ({ ...good(), locale: '' })],
  ['a numeric locale', () => ({ ...good(), locale: 1063 })],
  ['no conversation id', () => ({ ...good(), conversation: { conversationType: 'personal' } })],
  ['conversation null', () => ({ ...good(), conversation: null })],
  ['no from', () => without(good(), 'from')],
  ['from without an id', () => ({ ...good(), from: { name: 'Ona' } })],
  ['no recipient', () => without(good(), 'recipient')],
  ['a numeric text', () => ({ ...good(), text: 7 })],
  ['entities that are not a list', () => ({ ...good(), entities: 'mention' })],
  ['a null entity', () => ({ ...good(), entities: [null] })],
  ['members added without ids', () => ({ ...good(), type: 'conversationUpdate', membersAdded: [{ name: 'x' }] })],
  ['a nameless invoke', () => without(invoke(), 'name')],
  ['an invoke with an empty name', () => ({ ...invoke(), name: '' })],
];

describe('malformed activities', () => {
  it.each(MALFORMED)('R12.records: %s is refused with 400 before botbuilder sees it', async (_name, build) => {
    const answer = await post(JSON.stringify(build()));
    expect(answer).toMatchObject({ status: 400, socketError: null });
    expect(JSON.parse(answer.body)).toEqual({ error: 'not_an_activity' });
  });

  it('R12.records: a body that is not JSON, or empty, is refused with 400', async () => {
    for (const body of ['{"type": "message", ', '', '\u0000\u00ff', 'type=message']) {
      const answer = await post(body, body.startsWith('type') ? 'application/x-www-form-urlencoded' : 'application/json');
      expect(answer).toMatchObject({ status: 400, socketError: null });
      expect(JSON.parse(answer.body)).toEqual({ error: 'invalid_json' });
    }
  });

  it('an invoke whose name the bot does not know gets a 400 invoke answer in Bot Framework’s error shape, not a 501', async () => {
    const answer = await post(JSON.stringify({ ...invoke(), name: 'composeExtension/query' }));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest' } });
  });

  it('R12.records: after all of them the bot still answers a real message, and nothing was rejected unhandled', async () => {
    await expectStillServing();
  });
});

describe('bodies over 1 MB', () => {
  it('R12.records: a 1.5 MB activity gets a 413 the client can read (no reset), and the bot serves on', async () => {
    const answer = await post(JSON.stringify({ ...good(), text: 'x'.repeat(1_500_000) }));
    expect(answer).toMatchObject({ status: 413, socketError: null, closes: true });
    expect(JSON.parse(answer.body)).toEqual({ error: 'too_large' });
    await expectStillServing();
  });
});

describe('a deterministic fuzz run', () => {
  it('R12.records: 200 malformed activities get only 4xx, never a 5xx or a socket error', async () => {
    const random = seededRandom(11);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const odd: unknown[] = [null, '', 0, -1, true, [], {}, 'x', 'not a url', 'ftp://x/', 'en_US!!', [null], { id: 5 }];
    const spoilable = ['type', 'serviceUrl', 'locale', 'conversation', 'from', 'recipient', 'text', 'entities', 'name'];
    for (let i = 0; i < 200; i += 1) {
      const base = random() < 0.5 ? good() : invoke();
      let body: string;
      const kind = pick(['spoil', 'drop', 'truncate', 'bytes'] as const);
      if (kind === 'spoil') body = JSON.stringify({ ...base, [pick(spoilable)]: pick(odd) });
      else if (kind === 'drop') body = JSON.stringify(without(base, pick(['type', 'serviceUrl', 'conversation', 'from', 'recipient'])));
      else if (kind === 'truncate') body = JSON.stringify(base).slice(0, Math.floor(random() * 200));
      else body = Buffer.from(Array.from({ length: 1 + Math.floor(random() * 40) }, () => Math.floor(random() * 256))).toString('latin1');
      const answer = await post(body);
      expect({ i, socketError: answer.socketError }).toEqual({ i, socketError: null });
      // A spoilt field may still be acceptable (an empty text, a missing invoke name on a message): then the
      // bot answers it as usual, but never with a 5xx.
      expect({ i, serverError: (answer.status ?? 0) >= 500 }).toEqual({ i, serverError: false });
    }
    await expectStillServing();
  });
});

describe('Emulator mode listens on loopback only', () => {
  it('R4.owner: TEAMS_EMULATOR=true with HOST=0.0.0.0 (the default) refuses to start, naming both variables', () => {
    for (const env of [{ TEAMS_EMULATOR: 'true' }, { TEAMS_EMULATOR: 'true', HOST: '0.0.0.0' }, { TEAMS_EMULATOR: '1', HOST: '192.168.1.10' }, { TEAMS_EMULATOR: 'true', HOST: '::' }]) {
      let caught: unknown;
      try {
        loadConfig(env);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ConfigError);
      expect((caught as ConfigError).message).toMatch(/HOST: must be a loopback address .*TEAMS_EMULATOR=true/);
    }
  });

  it('R4.owner: a loopback HOST is accepted with the Emulator, and any HOST without it', () => {
    for (const HOST of ['127.0.0.1', '::1', 'localhost', '127.0.1.1']) expect(loadConfig({ TEAMS_EMULATOR: 'true', HOST }).HOST).toBe(HOST);
    expect(loadConfig({ MicrosoftAppId: '11111111-2222-3333-4444-555555555555', HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
  });
});
