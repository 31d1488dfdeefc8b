// `npm run bench:core`: throughput and timeliness of the core on a real PostgreSQL. Plain JavaScript on the
// compiled `dist/` (the script builds first), so it measures what `npm start` runs. See bench/README.md.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startApp } from '../dist/app.js';
import { loadConfig } from '../dist/config.js';
import { createLogger } from '../dist/logger.js';
import { rawRegistrationRate } from './raw-registration.mjs';
import { cleanups, count, log, openBenchDatabase, printTable, runBench, forEachConcurrently } from './support.mjs';

const REGISTRATIONS = count('BENCH_REGISTRATIONS', 2_000);
const CLAIM_INQUIRIES = count('BENCH_CLAIM_INQUIRIES', 200);
const CLAIMANTS = count('BENCH_CLAIMANTS', 50);
const BURST = count('BENCH_BURST', 1_000);

/**
 * The bench fills empty tables with thousands of rows in seconds, faster than autovacuum (1-minute naptime)
 * re-plans for them; with "empty table" statistics the outbox's pick-next-event query degrades to a scan per
 * pending event. A long-running service has settled statistics, so the bench ANALYZEs every few seconds
 * (BENCH_ANALYZE_EVERY_MS=0 to leave it to autovacuum).
 */
const ANALYZE_EVERY_MS = count('BENCH_ANALYZE_EVERY_MS', 5_000, { zero: true });

/** Wednesday 4 March 2026, 10:00 in Vilnius: a working day, well inside office hours (Mon–Fri 08–17). */
const OFFICE_HOURS_INSTANT = Date.parse('2026-03-04T10:00:00+02:00');

const runId = randomBytes(4).toString('hex');
const rows = [];
const benchStarted = performance.now();
let header = 'Langelis core benchmark';

async function main() {
  const { url, describe } = await openBenchDatabase();
  const startedAt = Date.now();
  // The clock the domain sees: inside office hours all through the run, so reminders are never deferred.
  const clock = { now: () => new Date(OFFICE_HOURS_INSTANT + (Date.now() - startedAt)) };
  const notified = { count: 0 };
  // A chat notifier that costs nothing: what is measured is the core, not Slack.
  const notifier = { name: 'bench', accepts: (type) => type !== 'deadlines_changed', handle: async () => void (notified.count += 1) };
  const config = loadConfig({ DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
  const app = await startApp(config, createLogger('silent'), { clock, notifiers: [notifier] });
  cleanups.unshift(() => app.stop());
  const [{ server_version: serverVersion }] = await app.dataSource.query('SHOW server_version');
  log(`PostgreSQL ${serverVersion} (${describe}), ${os.cpus().length} CPUs, Node ${process.version}`);
  if (ANALYZE_EVERY_MS > 0) {
    const analyzer = keepAnalyzing(url, ANALYZE_EVERY_MS);
    cleanups.unshift(() => analyzer.stop());
  }

  header = `Langelis core benchmark — PostgreSQL ${serverVersion} (${describe}), ${os.cpus().length} CPUs, Node ${process.version}`;
  rows.push(...(await benchRegistrations(app, url)));
  rows.push(...(await benchBurst(app)));
  rows.push(...(await benchClaims(app)));
  rows.push(['events to the chat notifier', String(notified.count), 'delivered through the outbox during the run']);
}

/** The results so far, also when a later part failed. */
function printResults() {
  if (rows.length === 0) return;
  process.stdout.write(
    `\n${header}` +
      `${ANALYZE_EVERY_MS > 0 ? `, ANALYZE every ${ANALYZE_EVERY_MS / 1000} s` : ', statistics left to autovacuum'}` +
      `\n\n`,
  );
  printTable(['metric', 'value', 'detail'], rows);
  process.stdout.write(`\n(whole run ${((performance.now() - benchStarted) / 1000).toFixed(0)} s)\n`);
}

// 1. registrations/s, next to the raw PostgreSQL rate for the same writes -------------------------------------

async function benchRegistrations(app, url) {
  const concurrency = 20;
  log(`registering ${REGISTRATIONS} inquiries, ${concurrency} at a time`);
  const started = performance.now();
  const inquiries = await registerMany(app, REGISTRATIONS, concurrency, 'reg');
  const seconds = (performance.now() - started) / 1000;
  assertGapless(inquiries);
  const drained = await waitForOutbox(app);
  const perSecond = inquiries.length / seconds;
  log(`raw PostgreSQL: the same writes in plain transactions, ${concurrency} clients`);
  const raw = await rawRegistrationRate(url, inquiries[0].id, { n: REGISTRATIONS, concurrency, runId });
  log(`raw PostgreSQL again, with made-up numbers instead of the counter`);
  const uncounted = await rawRegistrationRate(url, inquiries[0].id, { n: REGISTRATIONS, concurrency, runId, counter: false });
  return [
    [
      'registrations/s',
      perSecond.toFixed(1),
      `${inquiries.length} e-mailed requests, ${concurrency} concurrent, in ${seconds.toFixed(1)} s; numbers gapless (checked); outbox drained ${drained.toFixed(1)} s later`,
    ],
    [
      'raw PostgreSQL, same writes/s',
      raw.perSecond.toFixed(1),
      `plain pg transactions, ${concurrency} clients: duplicate check, counter, inquiry, ${raw.timelineRows} timeline and ${raw.outboxRows} outbox rows`,
    ],
    ['registrations vs raw', `${((perSecond / raw.perSecond) * 100).toFixed(0)} %`, 'goal ≥ 15 %, and registrations/s ≥ 300'],
    [
      'raw PostgreSQL without the counter/s',
      uncounted.perSecond.toFixed(1),
      'the same, numbers made up instead of counted (gaps allowed): no commit waits for another, flushes are shared',
    ],
    ['registrations vs raw without the counter', `${((perSecond / uncounted.perSecond) * 100).toFixed(0)} %`, 'goal ≥ 15 %'],
  ];
}

/** R15.register: the numbers the run took are distinct and consecutive. */
function assertGapless(inquiries) {
  const numbers = inquiries.map((inquiry) => Number(inquiry.registryNumber.slice(5))).sort((a, b) => a - b);
  const gaps = numbers.filter((number, i) => i > 0 && number !== numbers[i - 1] + 1);
  if (gaps.length > 0) throw new Error(`registry numbers are not gapless and distinct (R15.register): ${gaps.length} breaks`);
}

/** An outage ends with 1,000 e-mails waiting, all handed to registration at once. */
async function benchBurst(app) {
  log(`registering a burst of ${BURST} e-mails, all at once`);
  const started = performance.now();
  await registerMany(app, BURST, BURST, 'burst');
  const seconds = (performance.now() - started) / 1000;
  const drained = await waitForOutbox(app);
  return [
    [
      `a burst of ${BURST.toLocaleString('en')} e-mails after an outage registered in`,
      `${seconds.toFixed(1)} s`,
      `all registered at once (${(BURST / seconds).toFixed(0)}/s); outbox drained ${drained.toFixed(1)} s later`,
    ],
  ];
}

// 2. claims/s under contention --------------------------------------------------------------------------------

async function benchClaims(app) {
  log(`importing ${CLAIMANTS} representatives and registering ${CLAIM_INQUIRIES} inquiries to claim`);
  const staffIds = await importRepresentatives(app, CLAIMANTS);
  const inquiries = await registerMany(app, CLAIM_INQUIRIES, 20, 'claim');
  await waitForOutbox(app);

  log(`claiming: ${CLAIMANTS} concurrent claims on each of ${CLAIM_INQUIRIES} inquiries`);
  const winners = new Map();
  const problems = [];
  const perInquiryMs = [];
  const started = performance.now();
  for (const inquiry of inquiries) {
    const t0 = performance.now();
    const results = await Promise.allSettled(staffIds.map((staffId) => app.inquiries.claim(inquiry.id, staffId)));
    perInquiryMs.push(performance.now() - t0);
    const won = results.flatMap((result, i) => (result.status === 'fulfilled' ? [staffIds[i]] : []));
    if (won.length !== 1) problems.push(`${inquiry.registryNumber}: ${won.length} winners`);
    else winners.set(inquiry.id, won[0]);
    for (const result of results) {
      if (result.status === 'rejected' && result.reason?.code !== 'INQUIRY.ALREADY_CLAIMED') {
        problems.push(`${inquiry.registryNumber}: a loser got ${result.reason?.code ?? result.reason}`);
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;

  // The database must agree: one owner, the winner, and one `claimed` entry on each timeline.
  const ids = inquiries.map((inquiry) => inquiry.id);
  const owners = await app.dataSource.query('SELECT id, owner_id FROM inquiries WHERE id = ANY($1::uuid[])', [ids]);
  for (const { id, owner_id: ownerId } of owners) {
    if (winners.has(id) && winners.get(id) !== ownerId) problems.push(`${id}: stored owner is not the winner`);
  }
  const timelines = await app.dataSource.query(
    `SELECT i.id, count(t.id)::int AS claims FROM inquiries i
     LEFT JOIN inquiry_timeline t ON t.inquiry_id = i.id AND t.action = 'claimed'
     WHERE i.id = ANY($1::uuid[]) GROUP BY i.id HAVING count(t.id) <> 1`,
    [ids],
  );
  for (const { id, claims } of timelines) problems.push(`${id}: ${claims} claimed entries on the timeline`);
  if (problems.length > 0) {
    throw new Error(`claims are not exclusive (R4.owner):\n  ${problems.slice(0, 20).join('\n  ')}${problems.length > 20 ? `\n  … ${problems.length - 20} more` : ''}`);
  }
  await waitForOutbox(app);
  const attempts = inquiries.length * staffIds.length;
  return [
    [
      `claims/s (${staffIds.length}-way contention)`,
      (attempts / seconds).toFixed(1),
      `${attempts} claims on ${inquiries.length} inquiries in ${seconds.toFixed(1)} s; exactly 1 winner each (checked in the database); ` +
        `${staffIds.length} claims settle in p50 ${percentile(perInquiryMs, 0.5).toFixed(0)} ms, p99 ${percentile(perInquiryMs, 0.99).toFixed(0)} ms`,
    ],
  ];
}

async function importRepresentatives(app, n) {
  const pad = (i) => String(i + 1).padStart(3, '0');
  const records = [
    { firstName: 'Vida', surname: 'Vadovė', email: `vadove.${runId}@daigelis.lt`, roles: ['manager', 'representative'], position: 'Direktoriaus pavaduotoja' },
    ...Array.from({ length: n }, (_, i) => ({
      firstName: 'Atstovė',
      surname: `Nr${pad(i)}`,
      email: `atstove${pad(i)}.${runId}@daigelis.lt`,
      position: 'Raštinės administratorė',
      manager: `vadove.${runId}@daigelis.lt`,
    })),
  ];
  await app.staff.importMembers(records);
  const rows = await app.dataSource.query(`SELECT id FROM staff_members WHERE email LIKE $1 ORDER BY email`, [`atstove%.${runId}@daigelis.lt`]);
  if (rows.length !== n) throw new Error(`expected ${n} representatives, found ${rows.length}`);
  return rows.map((row) => row.id);
}

// helpers -----------------------------------------------------------------------------------------------------

/** Registers `n` e-mailed requests received now (so no deadline falls due during the run), `concurrency` at a time. */
async function registerMany(app, n, concurrency, tag) {
  if (n === 0) return [];
  const receivedAt = new Date().toISOString();
  const inquiries = new Array(n);
  await forEachConcurrently(
    Array.from({ length: n }, (_, i) => i),
    concurrency,
    async (i) => {
      const { inquiry, created } = await app.inquiries.register({
        kind: 'request',
        channel: 'email',
        externalId: `<bench-${runId}-${tag}-${i}@tevai.lt>`,
        client: { name: 'Giedrė Žemaitienė', email: 'giedre@example.lt', phone: null, language: 'lt' },
        subject: 'Dėl vietos darželyje',
        body: 'Laba diena, norėčiau sužinoti apie laisvas vietas lopšelio grupėje nuo rugsėjo. Ačiū.',
        receivedAt,
      });
      if (!created) throw new Error(`inquiry ${tag}-${i} was not created`);
      inquiries[i] = inquiry;
    },
  );
  return inquiries;
}

/** Stands in for autovacuum's ANALYZE on the tables the run fills, every `everyMs`, as the owner (who alone may). */
function keepAnalyzing(url, everyMs) {
  let timer;
  let running = Promise.resolve();
  const owner = new pg.Pool({ connectionString: url, max: 1 });
  const tick = () => {
    running = owner
      .query('ANALYZE outbox, agenda_jobs, inquiries, inquiry_timeline, deadline_notices, staff_members')
      .catch((error) => log(`ANALYZE failed: ${error.message}`))
      .finally(() => {
        if (timer !== null) timer = setTimeout(tick, everyMs);
      });
  };
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      clearTimeout(timer);
      timer = null;
      await running;
      await owner.end();
    },
  };
}

/** Waits until every outbox event has been delivered; returns the seconds it took. */
async function waitForOutbox(app, { timeoutMs = 300_000, progress = false } = {}) {
  const started = performance.now();
  let reported = Date.now();
  for (;;) {
    const { pending, failing } = await app.outbox.health();
    if (pending === 0) return (performance.now() - started) / 1000;
    if (failing > 0) {
      const [row] = await app.dataSource.query('SELECT consumer, event_type, last_error FROM outbox WHERE delivered_at IS NULL AND attempts > 1 LIMIT 1');
      throw new Error(`outbox deliveries are failing: ${row?.consumer} ${row?.event_type}: ${row?.last_error}`);
    }
    if (performance.now() - started > timeoutMs) throw new Error(`outbox still has ${pending} events after ${timeoutMs / 1000} s`);
    if (progress && Date.now() - reported > 10_000) {
      log(`outbox: ${pending} events to deliver`);
      reported = Date.now();
    }
    await sleep(200);
  }
}

function percentile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function seconds(value) {
  return value === null || value === undefined ? '—' : `${Number(value).toFixed(2)} s`;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

await runBench(main, printResults);
