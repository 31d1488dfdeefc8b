import pg from 'pg';
import { emailedRequest, eventually, startTestApp } from '../support/app.js';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import { createTestDatabase, freePort, type TestDatabase } from '../support/database.js';

/**
 * Issue #16: a real `node dist/main.js` killed with SIGKILL in the middle of a burst of notices due at once (first
 * replies gone overdue). Its sweep has recorded some batches, holds one (taken, its transaction waiting), and has not
 * touched the rest. After the restart every notice is recorded once and its event is in the outbox once per
 * consumer: nothing lost, nothing told twice.
 */

const BURST = 1_000;
/** The inquiry whose row the test keeps locked, so the sweep stops in the batch that holds it (batches of 200). */
const BLOCKED_AT = 701;
/** The event (and timeline action) of a deadline gone overdue. */
const OVERDUE_EVENT = 'overdue';

let database: TestDatabase;
let db: pg.Pool;
const processes: AppProcess[] = [];
/** The connection holding the lock; given back (and its transaction ended) whatever happens. */
let blocker: pg.PoolClient | null = null;

beforeAll(async () => {
  database = await createTestDatabase();
  db = new pg.Pool({ connectionString: database.url, max: 3 });
});

afterAll(async () => {
  blocker?.release(true);
  await Promise.allSettled(processes.splice(0).map((instance) => instance.stop(2_000)));
  await db.end();
  await database.drop();
});

async function start(name: string): Promise<AppProcess> {
  // The processes run on the real clock: overdue notices go out at any hour, so the burst is due whenever the test runs
  // (outside office hours they would wait for the next opening, and nothing would be recorded to interrupt).
  const instance = await startAppProcess(name, { DATABASE_URL: database.url, HOST: '127.0.0.1', PORT: String(await freePort()), LOG_LEVEL: 'info', OVERDUE_OUTSIDE_OFFICE_HOURS: 'true' });
  processes.push(instance);
  return instance;
}

const count = async (sql: string): Promise<number> => (await db.query(sql)).rows[0].n;
const recorded = () => count(`SELECT count(*)::int AS n FROM deadline_notices WHERE deadline = 'first_reply' AND stage = 'overdue'`);
/** The safety sweep, due every minute, comes now (agenda looks for due jobs every few seconds). */
const sweepNow = () => db.query(`UPDATE agenda_jobs SET next_run_at = now() WHERE name = 'notice-sweep' AND type = 'single'`);

it('R14.reply-1wd: a SIGKILL in the middle of a burst of 1,000 overdue notices due at once; after the restart each is recorded once and its event queued once per consumer, none lost', async () => {
  // The inquiries, received ten days ago (their first replies overdue), registered and planned by an app in this
  // process whose own sweep is stopped, which then stops.
  const registrar = await startTestApp({}, database);
  registrar.app.noticeSweep.stop();
  const receivedAt = new Date(Date.now() - 10 * 24 * 3_600_000).toISOString();
  for (let i = 0; i < BURST; i += 50) await Promise.all(Array.from({ length: 50 }, () => registrar.app.inquiries.register(emailedRequest({ receivedAt }))));
  await eventually(async () => {
    expect(await count(`SELECT count(DISTINCT inquiry_id)::int AS n FROM notice_schedule WHERE deadline = 'first_reply' AND stage = 'overdue'`)).toBe(BURST);
    expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE consumer = 'scheduler' AND delivered_at IS NULL`)).toBe(0);
  }, 60_000);
  await registrar.stop();

  // The first replies' overdue notices due, a millisecond apart in registry order, so the sweep's batches are known;
  // every other notice out of the way.
  await db.query(`UPDATE notice_schedule SET run_at = '2099-01-01' WHERE NOT (deadline = 'first_reply' AND stage = 'overdue')`);
  await db.query(
    `UPDATE notice_schedule s SET run_at = now() - interval '1 minute' + x.n * interval '1 millisecond'
     FROM (SELECT id, row_number() OVER (ORDER BY registry_number) AS n FROM inquiries) x
     WHERE s.inquiry_id = x.id AND s.deadline = 'first_reply' AND s.stage = 'overdue'`,
  );
  blocker = await db.connect();
  await blocker.query('BEGIN');
  // Found first, then locked alone (FOR UPDATE under an OFFSET would lock every row it skips too).
  const { rows: [blocked] } = await db.query('SELECT id FROM inquiries ORDER BY registry_number OFFSET $1 LIMIT 1', [BLOCKED_AT - 1]);
  await blocker.query('SELECT id FROM inquiries WHERE id = $1 FOR UPDATE', [blocked.id]);

  const a = await start('instance A');
  await sweepNow();
  // A has recorded the batches before the blocked inquiry and waits in the one that holds it.
  await eventually(async () => expect(await recorded()).toBeGreaterThanOrEqual(600), 90_000).catch((error: Error) => {
    error.message += `\n${a.output().split('\n').slice(-60).join('\n')}`;
    throw error;
  });
  const taken = await count(`SELECT count(*)::int AS n FROM notice_schedule WHERE taken_until > now()`);
  expect(taken).toBeGreaterThan(0);
  await a.kill('SIGKILL');
  const beforeRestart = await recorded();
  expect(beforeRestart).toBeLessThan(BURST);
  await blocker.query('ROLLBACK');
  blocker.release();
  blocker = null;

  // The lease of what A held runs out (60 s, cut short here); the restarted instance sweeps the rest and that.
  await db.query(`UPDATE notice_schedule SET taken_until = now() - interval '1 second' WHERE taken_until IS NOT NULL`);
  await start('instance A, restarted');
  await sweepNow();
  await eventually(async () => expect(await recorded()).toBe(BURST), 120_000);

  expect(await count(`SELECT count(DISTINCT inquiry_id)::int AS n FROM deadline_notices WHERE deadline = 'first_reply' AND stage = 'overdue'`)).toBe(BURST);
  expect(await count(`SELECT count(*)::int AS n FROM inquiry_timeline WHERE action = '${OVERDUE_EVENT}'`)).toBe(BURST);
  const perConsumer = await db.query(
    `SELECT consumer, count(*)::int AS events, count(DISTINCT inquiry_id)::int AS inquiries FROM outbox WHERE event_type = '${OVERDUE_EVENT}' GROUP BY consumer`,
  );
  expect(perConsumer.rows.length).toBeGreaterThan(0);
  for (const row of perConsumer.rows) expect(row).toEqual({ consumer: row.consumer, events: BURST, inquiries: BURST });
  // Each batch is settled (its rows leave the queue) right after it is recorded.
  await eventually(async () => expect(await count(`SELECT count(*)::int AS n FROM notice_schedule WHERE deadline = 'first_reply' AND stage = 'overdue'`)).toBe(0));
  // The blocked inquiry's notice was among those A held, and it too is recorded once.
  expect(await count(`SELECT count(*)::int AS n FROM deadline_notices WHERE stage = 'overdue' AND inquiry_id = '${blocked.id}'`)).toBe(1);
}, 300_000);
