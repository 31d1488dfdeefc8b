import type { DataSource } from 'typeorm';
import { laneOf, pacedFetch } from '../../src/bot/slack/rate-limits.js';
import type { CallLane, CallPacer } from '../../src/domain/call-pacing.js';
import { inInstitution } from '../../src/domain/institution.js';
import { createLogger } from '../../src/logger.js';
import { PostgresCallPacer } from '../../src/persistence/chat-rate-slots.postgres.js';
import { appSource, openDatabase } from '../../src/persistence/data-source.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * Issue #17: Slack's rate limits are per workspace and method, whichever instance calls. Two instances (two pools of
 * the service's role) reserve their calls on one schedule in PostgreSQL: a burst goes at once, what exceeds it waits its
 * turn, and a 429 from Slack holds the lane back for both.
 */
let database: TestDatabase;
let first: DataSource;
let second: DataSource;
let a: PostgresCallPacer;
let b: PostgresCallPacer;

beforeAll(async () => {
  database = await createTestDatabase();
  const opened = await openDatabase(database.url);
  first = opened.dataSource;
  second = await appSource(opened.appUrl, 2);
  a = new PostgresCallPacer(first);
  b = new PostgresCallPacer(second);
}, 60_000);
afterAll(async () => {
  await first?.destroy();
  await second?.destroy();
  await database?.drop();
});

/**
 * Six a minute: a slot every 10 s, so the milliseconds the test itself takes between reservations (more on a loaded
 * machine) stay small beside what is asserted. Nothing here waits: a reservation only says how long to.
 */
const lane = (key: string, perMinute = 6, burst = 3): CallLane => ({ key, perMinute, burst });

describe('issue #17: one shared schedule per workspace and method', () => {
  it("a lane's burst goes at once and the rest wait one interval each, whichever instance asks", async () => {
    const posting = lane('slack:2:chat.postMessage');
    const waits = [await a.reserve(posting), await b.reserve(posting), await a.reserve(posting), await b.reserve(posting), await a.reserve(posting)];
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    // The fourth 10 s after the burst, the fifth 10 s later (less the moments the test took).
    expect(waits[3]).toBeGreaterThan(9_000);
    expect(waits[3]).toBeLessThanOrEqual(10_000);
    expect(waits[4]).toBeGreaterThan(19_000);
    expect(waits[4]).toBeLessThanOrEqual(20_000);
  });

  it("another workspace's lane, or another method's, does not wait for this one", async () => {
    const busy = lane('slack:3:chat.update', 6, 1);
    expect(await a.reserve(busy)).toBe(0);
    expect(await b.reserve(busy)).toBeGreaterThan(9_000);
    expect(await b.reserve(lane('slack:4:chat.update', 6, 1))).toBe(0);
    expect(await a.reserve(lane('slack:3:views.publish', 6, 1))).toBe(0);
  });

  it("a 429's Retry-After, seen by one instance, holds the lane back for the other as long", async () => {
    const held = lane('slack:5:conversations.open', 6, 10);
    expect(await b.reserve(held)).toBe(0);
    await a.holdOff(held, 30_000);
    expect(await b.reserve(held)).toBeGreaterThanOrEqual(30_000);
  });
});

/** A pacer that records what it was asked. */
class RecordingPacer implements CallPacer {
  readonly reserved: string[] = [];
  readonly held: Array<{ key: string; ms: number }> = [];
  async reserve(lane: CallLane): Promise<number> {
    this.reserved.push(lane.key);
    return 0;
  }
  async holdOff(lane: CallLane, ms: number): Promise<void> {
    this.held.push({ key: lane.key, ms });
  }
}

describe("the Web API client's fetch waits on its workspace's lane", () => {
  const logger = createLogger('silent');
  const answer = (status: number, headers: Record<string, string> = {}) => async () => new Response('{"ok":true}', { status, headers });

  it("a call is reserved on its institution's workspace lane and method; an upload URL is not a Web API call", async () => {
    const pacer = new RecordingPacer();
    const paced = pacedFetch(pacer, answer(200) as never, logger, 1_000);
    await inInstitution(7, () => paced('http://127.0.0.1:1/api/chat.postMessage', {}));
    await inInstitution(8, () => paced('http://127.0.0.1:1/api/views.publish', {}));
    await paced('http://127.0.0.1:1/upload/F0123', {});
    expect(pacer.reserved).toEqual(['slack:7:chat.postMessage', 'slack:8:views.publish']);
    expect(laneOf('chat.postMessage')).toMatchObject({ perMinute: 60 });
    // A method Slack lists in no tier of ours is paced as Tier 3.
    expect(laneOf('reminders.add')).toMatchObject({ perMinute: 50 });
  });

  it('a 429 holds the lane back for as long as Slack said; a schedule that cannot be reached lets the call go', async () => {
    const pacer = new RecordingPacer();
    const limited = pacedFetch(pacer, answer(429, { 'retry-after': '7' }) as never, logger, 1_000);
    expect((await inInstitution(9, () => limited('http://127.0.0.1:1/api/chat.update', {}))).status).toBe(429);
    expect(pacer.held).toEqual([{ key: 'slack:9:chat.update', ms: 7_000 }]);
    const unreachable: CallPacer = { reserve: async () => Promise.reject(new Error('database restarting')), holdOff: async () => undefined };
    expect((await pacedFetch(unreachable, answer(200) as never, logger, 1_000)('http://127.0.0.1:1/api/chat.update', {})).status).toBe(200);
  });
});
