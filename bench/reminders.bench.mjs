// `npm run bench:reminders`: how late deadline notices go out when thousands fall due at one instant (issue #16),
// with one and with two app instances on one database. Plain JavaScript on the compiled `dist/` (the script builds
// first), so it measures what `npm start` runs. See bench/README.md.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { startApp } from '../dist/app.js';
import { loadConfig } from '../dist/config.js';
import { createLogger } from '../dist/logger.js';
import { withOwner } from '../dist/persistence/data-source.js';
import { cleanups, count, forEachConcurrently, log, openBenchDatabase, printTable, runBench } from './support.mjs';

/** Burst sizes with one instance, and their goals for the p99 lateness (seconds). */
const BURSTS = (process.env.BENCH_REMINDER_BURSTS ?? '1000:1,5000:5,10000:10').split(',').map((pair) => {
  const [size, goal] = pair.split(':').map(Number);
  if (!Number.isInteger(size) || size < 1 || !(goal > 0)) throw new Error(`BENCH_REMINDER_BURSTS: "${pair}" is not size:goalSeconds`);
  return { size, goal };
});
/** Reminders spread over `BENCH_SPREAD_SECONDS`, each due at its own instant (goal: p99 within 1 s). */
const SPREAD = count('BENCH_SPREAD_REMINDERS', 300);
const SPREAD_SECONDS = count('BENCH_SPREAD_SECONDS', 30);
/** How long after each due instant to wait for every notice before failing. */
const TIMEOUT_MS = count('BENCH_REMINDER_TIMEOUT_MS', 120_000);
/** Time between setting up a burst and its due instant. */
const LEAD_MS = count('BENCH_REMINDER_LEAD_MS', 3_000);

/** Wednesday 4 March 2026, 10:00 in Vilnius: inside office hours, so no reminder is put off to the next opening. */
const OFFICE_HOURS_INSTANT = Date.parse('2026-03-04T10:00:00+02:00');
const runId = randomBytes(4).toString('hex');
const rows = [];
let header = 'Langelis reminder benchmark';

async function main() {
  const { url, describe } = await openBenchDatabase();
  const startedAt = Date.now();
  const clock = { now: () => new Date(OFFICE_HOURS_INSTANT + (Date.now() - startedAt)) };
  const config = loadConfig({ DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
  const start = async () => {
    const app = await startApp(config, createLogger('silent'), { clock, notifiers: [{ name: 'bench', accepts: () => false, handle: async () => undefined }] });
    cleanups.unshift(() => app.stop());
    return app;
  };
  const first = await start();
  const [{ server_version: version }] = await first.dataSource.query('SHOW server_version');
  header = `Langelis reminder benchmark — PostgreSQL ${version} (${describe}), ${os.cpus().length} CPUs, Node ${process.version}`;
  log(header);

  const needed = Math.max(SPREAD, ...BURSTS.map((burst) => burst.size));
  log(`registering ${needed} inquiries (their first-reply reminders are the ones made due)`);
  const inquiries = await registerMany(first, needed);
  await waitForPlans(first, inquiries.length, url);

  for (const { size, goal } of BURSTS) rows.push(await burst(first, [first], inquiries.slice(0, size), goal));
  const second = await start();
  const { size, goal } = BURSTS[BURSTS.length - 1];
  rows.push(await burst(first, [first, second], inquiries.slice(0, size), goal));
  rows.push(await spread(first, [first, second], inquiries.slice(0, SPREAD)));
  return rows.some((row) => row.missed) ? 1 : 0;
}

/** Makes the first-reply reminders of `inquiries` due at `instants` (one each, or one for all) and measures them. */
async function measure(db, apps, inquiries, instantOf) {
  const ids = inquiries.map((inquiry) => inquiry.id);
  // A reminder already recorded would be a duplicate, not a notice: forget the earlier rounds' (bench only).
  await db.dataSource.query(`DELETE FROM deadline_notices WHERE deadline = 'first_reply' AND stage = 'reminder' AND inquiry_id = ANY($1::uuid[])`, [ids]);
  const timelineBefore = await remindersOnTimeline(db, ids);
  const handledBefore = apps.map((app) => app.noticeSweep.handled);
  const base = Date.now() + LEAD_MS;
  const dueAts = inquiries.map((_, i) => new Date(base + instantOf(i)));
  // As the scheduler plans them: the rows, then one wake per distinct instant.
  await db.dataSource.query(
    `INSERT INTO notice_schedule (inquiry_id, deadline, stage, due_at, run_at)
     SELECT i.id, 'first_reply', 'reminder', i.first_reply_due, x.run_at
     FROM unnest($1::uuid[], $2::timestamptz[]) AS x(id, run_at) JOIN inquiries i ON i.id = x.id
     ON CONFLICT (inquiry_id, deadline, stage) DO UPDATE SET run_at = EXCLUDED.run_at, taken_until = NULL, version = nextval('notice_schedule_version')`,
    [ids, dueAts],
  );
  for (const at of new Set(dueAts.map((at) => at.getTime()))) await db.scheduler.sweepAt(new Date(at));
  const last = Math.max(...dueAts.map((at) => at.getTime()));
  const giveUpAt = last + TIMEOUT_MS;
  let sent = 0;
  while ((sent = await sentCount(db, ids)) < ids.length && Date.now() < giveUpAt) await sleep(200);
  const [lateness] = await db.dataSource.query(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY late) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY late) AS p99, max(late) AS max
     FROM (SELECT extract(epoch FROM n.sent_at - x.run_at)::float8 AS late
           FROM deadline_notices n JOIN unnest($1::uuid[], $2::timestamptz[]) AS x(id, run_at) ON x.id = n.inquiry_id
           WHERE n.deadline = 'first_reply' AND n.stage = 'reminder') AS notices`,
    [ids, dueAts],
  );
  const duplicates = (await remindersOnTimeline(db, ids)) - timelineBefore - sent;
  const shares = apps.map((app, i) => app.noticeSweep.handled - handledBefore[i]);
  return { sent, lateness, duplicates, shares };
}

async function burst(db, apps, inquiries, goal) {
  log(`${inquiries.length} reminders due at one instant, ${apps.length} instance${apps.length > 1 ? 's' : ''}`);
  const { sent, lateness, duplicates, shares } = await measure(db, apps, inquiries, () => 0);
  const missed = sent !== inquiries.length || duplicates !== 0 || lateness.p99 > goal;
  return {
    missed,
    cells: [
      `${inquiries.length} due at once, ${apps.length} instance${apps.length > 1 ? 's' : ''}: p99`,
      seconds(lateness.p99),
      `goal ≤ ${goal} s${missed ? ' — MISSED' : ''}; p50 ${seconds(lateness.p50)}, max ${seconds(lateness.max)}; sent ${sent}/${inquiries.length}, duplicates ${duplicates}; shares ${shares.join(' / ')}`,
    ],
  };
}

async function spread(db, apps, inquiries) {
  log(`${inquiries.length} reminders spread over ${SPREAD_SECONDS} s, ${apps.length} instances`);
  const step = (SPREAD_SECONDS * 1000) / inquiries.length;
  const { sent, lateness, duplicates, shares } = await measure(db, apps, inquiries, (i) => Math.round(i * step));
  const missed = sent !== inquiries.length || duplicates !== 0 || lateness.p99 > 1;
  return {
    missed,
    cells: [
      `${inquiries.length} spread over ${SPREAD_SECONDS} s: p99`,
      seconds(lateness.p99),
      `goal ≤ 1 s${missed ? ' — MISSED' : ''}; p50 ${seconds(lateness.p50)}, max ${seconds(lateness.max)}; sent ${sent}/${inquiries.length}, duplicates ${duplicates}; shares ${shares.join(' / ')}`,
    ],
  };
}

const sentCount = async (app, ids) =>
  (await app.dataSource.query(
    `SELECT count(*)::int AS n FROM deadline_notices WHERE deadline = 'first_reply' AND stage = 'reminder' AND inquiry_id = ANY($1::uuid[])`,
    [ids],
  ))[0].n;

/** Every recorded notice has its timeline line, so more lines than notices would be a notice told twice. */
const remindersOnTimeline = async (app, ids) =>
  (await app.dataSource.query(`SELECT count(*)::int AS n FROM inquiry_timeline WHERE action = 'reminder_due' AND inquiry_id = ANY($1::uuid[])`, [ids]))[0].n;

async function registerMany(app, n) {
  const receivedAt = new Date().toISOString();
  const inquiries = new Array(n);
  await forEachConcurrently(Array.from({ length: n }, (_, i) => i), 20, async (i) => {
    const { inquiry } = await app.inquiries.register({
      kind: 'request',
      channel: 'email',
      externalId: `<bench-${runId}-${i}@tevai.lt>`,
      client: { name: 'Giedrė Žemaitienė', email: 'giedre@example.lt', phone: null, language: 'lt' },
      subject: 'Dėl vietos darželyje',
      body: 'Laba diena, norėčiau sužinoti apie laisvas vietas lopšelio grupėje nuo rugsėjo. Ačiū.',
      receivedAt,
    });
    inquiries[i] = inquiry;
  });
  return inquiries;
}

/** Waits until the scheduler has planned every inquiry's notices (the outbox delivered their deadline changes). */
async function waitForPlans(app, n, url) {
  const started = performance.now();
  for (;;) {
    const { pending } = await app.outbox.health();
    if (pending === 0) break;
    if (performance.now() - started > 600_000) throw new Error(`outbox still has ${pending} events`);
    await sleep(250);
  }
  log(`${n} inquiries planned ${((performance.now() - started) / 1000).toFixed(1)} s after the last registration`);
  // Only the owner may gather the planner's statistics (the service's role owns no table, issue #17).
  await withOwner(url, (owner) => owner.query('ANALYZE notice_schedule, inquiries, deadline_notices, outbox'));
}

function seconds(value) {
  return value === null || value === undefined ? '—' : `${Number(value).toFixed(2)} s`;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function printResults() {
  if (rows.length === 0) return;
  process.stdout.write(`\n${header}\n\n`);
  printTable(['metric', 'value', 'detail'], rows.map((row) => row.cells));
}

await runBench(main, printResults);
