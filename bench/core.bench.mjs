// `npm run bench:core`: throughput and timeliness of the core on a real PostgreSQL. Plain JavaScript on the
// compiled `dist/` (the script builds first), so it measures what `npm start` runs. See bench/README.md.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { startApp } from '../dist/app.js';
import { loadConfig } from '../dist/config.js';
import { DEADLINE_NOTICE_JOB } from '../dist/jobs/deadline-notice.job.js';
import { createLogger } from '../dist/logger.js';
import { cleanups, count, log, openBenchDatabase, printTable, runBench } from './support.mjs';

const REGISTRATIONS = count('BENCH_REGISTRATIONS', 2_000);
const CLAIM_INQUIRIES = count('BENCH_CLAIM_INQUIRIES', 200);
const CLAIMANTS = count('BENCH_CLAIMANTS', 50);
const REMINDERS = count('BENCH_REMINDERS', 10_000);
/** How far ahead of the end of rescheduling all reminders fall due. */
const REMINDER_LEAD_MS = count('BENCH_REMINDER_LEAD_MS', 20_000);
/** How long to wait past the due instant for every reminder to go out before giving up. */
const REMINDER_TIMEOUT_MS = count('BENCH_REMINDER_TIMEOUT_MS', 600_000);
/** What-if knobs for the deadline-notice job (unset: as the app defines it); see bench/README.md. */
const AGENDA_LOCK_LIMIT = optionalCount('BENCH_AGENDA_LOCK_LIMIT');
const AGENDA_CONCURRENCY = optionalCount('BENCH_AGENDA_CONCURRENCY');

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
let agendaSettings = '';
/** Inquiries registered by the earlier parts, still waiting for a first reply: the reminder part reuses them. */
const unanswered = [];

function optionalCount(name) {
  return process.env[name] ? count(name, 0) : null;
}

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
  const definition = app.scheduler.definitions[DEADLINE_NOTICE_JOB];
  if (AGENDA_LOCK_LIMIT !== null) definition.lockLimit = AGENDA_LOCK_LIMIT;
  if (AGENDA_CONCURRENCY !== null) definition.concurrency = AGENDA_CONCURRENCY;
  agendaSettings = `${DEADLINE_NOTICE_JOB} job: concurrency ${definition.concurrency}, lockLimit ${definition.lockLimit || 'none'}${
    AGENDA_LOCK_LIMIT !== null || AGENDA_CONCURRENCY !== null ? ' (changed by the bench)' : ''
  }`;
  log(agendaSettings);
  if (ANALYZE_EVERY_MS > 0) {
    const analyzer = keepAnalyzing(app, ANALYZE_EVERY_MS);
    cleanups.unshift(() => analyzer.stop());
  }

  header = `Langelis core benchmark — PostgreSQL ${serverVersion} (${describe}), ${os.cpus().length} CPUs, Node ${process.version}`;
  rows.push(...(await benchRegistrations(app)));
  rows.push(...(await benchClaims(app)));
  rows.push(...(await benchReminders(app)));
  rows.push(['events to the chat notifier', String(notified.count), 'delivered through the outbox during the run']);
}

/** The results so far, also when a later part failed. */
function printResults() {
  if (rows.length === 0) return;
  process.stdout.write(
    `\n${header}` +
      `${ANALYZE_EVERY_MS > 0 ? `, ANALYZE every ${ANALYZE_EVERY_MS / 1000} s` : ', statistics left to autovacuum'}` +
      `\n${agendaSettings}\n\n`,
  );
  printTable(['metric', 'value', 'detail'], rows);
  process.stdout.write(`\n(whole run ${((performance.now() - benchStarted) / 1000).toFixed(0)} s)\n`);
}

// 1. registrations/s ------------------------------------------------------------------------------------------

async function benchRegistrations(app) {
  const concurrency = 20;
  log(`registering ${REGISTRATIONS} inquiries, ${concurrency} at a time`);
  const started = performance.now();
  const inquiries = await registerMany(app, REGISTRATIONS, concurrency, 'reg');
  unanswered.push(...inquiries);
  const seconds = (performance.now() - started) / 1000;
  const drained = await waitForOutbox(app);
  return [
    [
      'registrations/s',
      (inquiries.length / seconds).toFixed(1),
      `${inquiries.length} e-mailed requests, ${concurrency} concurrent, in ${seconds.toFixed(1)} s (outbox drained ${drained.toFixed(1)} s later)`,
    ],
  ];
}

// 2. claims/s under contention --------------------------------------------------------------------------------

async function benchClaims(app) {
  log(`importing ${CLAIMANTS} representatives and registering ${CLAIM_INQUIRIES} inquiries to claim`);
  const staffIds = await importRepresentatives(app, CLAIMANTS);
  const inquiries = await registerMany(app, CLAIM_INQUIRIES, 20, 'claim');
  // Claimed but not answered: their first-reply reminder still stands (and now goes to the owner).
  unanswered.push(...inquiries);
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

// 3. reminder lateness ----------------------------------------------------------------------------------------

async function benchReminders(app) {
  const reused = unanswered.slice(0, REMINDERS);
  const toRegister = REMINDERS - reused.length;
  log(`reusing ${reused.length} inquiries; registering ${toRegister} more for the reminder run, 50 at a time`);
  const registering = performance.now();
  const inquiries = [...reused, ...(await registerMany(app, toRegister, 50, 'remind'))];
  const registerSeconds = (performance.now() - registering) / 1000;
  log(`registered in ${registerSeconds.toFixed(1)} s; waiting for the scheduler to create their jobs`);
  const drained = await waitForOutbox(app, { timeoutMs: 600_000, progress: true });
  log(`deadline jobs created ${drained.toFixed(1)} s after the last registration`);

  // Calibrate: time rescheduling a few jobs (out of the way, a day ahead) to know how long all will take.
  const reschedule = (inquiry, at) =>
    app.scheduler
      .create(DEADLINE_NOTICE_JOB, { inquiryId: inquiry.id, deadline: 'first_reply', stage: 'reminder', dueAt: inquiry.firstReplyDue.toISOString() })
      .unique({ 'data.inquiryId': inquiry.id, 'data.deadline': 'first_reply', 'data.stage': 'reminder' })
      .schedule(at)
      .save();
  const sample = inquiries.slice(0, Math.min(200, inquiries.length));
  const aside = new Date(Date.now() + 24 * 3_600_000);
  const calibrating = performance.now();
  await forEachConcurrently(sample, 10, (inquiry) => reschedule(inquiry, aside));
  const estimateMs = ((performance.now() - calibrating) / sample.length) * inquiries.length;
  const dueAt = new Date(Date.now() + Math.ceil(estimateMs * 1.5) + REMINDER_LEAD_MS);
  log(`rescheduling ${inquiries.length} first-reply reminders to ${dueAt.toISOString()} (estimated ${(estimateMs / 1000).toFixed(1)} s)`);
  await forEachConcurrently(inquiries, 10, (inquiry) => reschedule(inquiry, dueAt));
  const spareMs = dueAt.getTime() - Date.now();
  if (spareMs < 1_000) throw new Error(`rescheduling ended ${(-spareMs / 1000).toFixed(1)} s too late; raise BENCH_REMINDER_LEAD_MS`);
  const [{ jobs }] = await app.dataSource.query(
    `SELECT count(*)::int AS jobs FROM agenda_jobs
     WHERE name = $1 AND data->>'deadline' = 'first_reply' AND data->>'stage' = 'reminder' AND next_run_at = $2`,
    [DEADLINE_NOTICE_JOB, dueAt],
  );
  if (jobs !== inquiries.length) throw new Error(`${jobs} reminder jobs are due at ${dueAt.toISOString()}, expected ${inquiries.length}`);
  log(`all due at one instant, ${(spareMs / 1000).toFixed(1)} s from now; waiting for the reminders`);

  const ids = inquiries.map((inquiry) => inquiry.id);
  const sentCount = async () =>
    (
      await app.dataSource.query(
        `SELECT count(*)::int AS sent FROM deadline_notices WHERE deadline = 'first_reply' AND stage = 'reminder' AND inquiry_id = ANY($1::uuid[])`,
        [ids],
      )
    )[0].sent;
  const giveUpAt = dueAt.getTime() + REMINDER_TIMEOUT_MS;
  let sent = 0;
  let reported = Date.now();
  while ((sent = await sentCount()) < inquiries.length && Date.now() < giveUpAt) {
    if (Date.now() - reported > 10_000 && Date.now() > dueAt.getTime()) {
      log(`${sent}/${inquiries.length} reminders sent`);
      reported = Date.now();
    }
    await sleep(250);
  }
  const [lateness] = await app.dataSource.query(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY late) AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY late) AS p99,
            max(late) AS max, min(late) AS min
     FROM (SELECT extract(epoch FROM sent_at - $2::timestamptz)::float8 AS late FROM deadline_notices
           WHERE deadline = 'first_reply' AND stage = 'reminder' AND inquiry_id = ANY($1::uuid[])) AS notices`,
    [ids, dueAt],
  );
  const detail = `${REMINDERS} reminders due at one instant; sent ${sent}/${inquiries.length}`;
  const results = [
    ['reminder lateness p50', seconds(lateness.p50), detail],
    ['reminder lateness p99', seconds(lateness.p99), `min ${seconds(lateness.min)}`],
    ['reminder lateness max', seconds(lateness.max), 'the last reminder went out this long after it was due'],
    [
      'registrations with jobs/s',
      toRegister > 0 ? (toRegister / (registerSeconds + drained)).toFixed(1) : '—',
      `${toRegister} registrations (50 concurrent) until their deadline jobs existed: ${registerSeconds.toFixed(1)} s + ${drained.toFixed(1)} s outbox tail`,
    ],
  ];
  if (sent !== inquiries.length) {
    rows.push(...results);
    throw new Error(`only ${sent} of ${inquiries.length} reminders were sent within ${REMINDER_TIMEOUT_MS / 1000} s of their due time`);
  }
  return results;
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

/** Stands in for autovacuum's ANALYZE on the tables the run fills, every `everyMs`. */
function keepAnalyzing(app, everyMs) {
  let timer;
  let running = Promise.resolve();
  const tick = () => {
    running = app.dataSource
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
    },
  };
}

async function forEachConcurrently(items, concurrency, work) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
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
