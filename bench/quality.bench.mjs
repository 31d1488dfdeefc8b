// `npm run bench:quality`: how long the quality report (R60.internal) takes for a quarter of 100,000 inquiries. Plain
// JavaScript on the compiled `dist/` (the script builds first): the same monitor the app builds. See bench/README.md.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { FIRST_INSTITUTION, inInstitution } from '../dist/domain/institution.js';
import { appSource, openDatabase, withOwner } from '../dist/persistence/data-source.js';
import { PostgresQualityMonitor } from '../dist/persistence/quality/quality-monitor.postgres.js';
import { cleanups, count, log, openBenchDatabase, printTable, runBench } from './support.mjs';

/** Inquiries received in the quarter measured; the quarter before gets as many, so the comparison has work too. */
const INQUIRIES = count('BENCH_QUALITY_INQUIRIES', 100_000);
const REPRESENTATIVES = count('BENCH_QUALITY_REPRESENTATIVES', 40);
const RUNS = count('BENCH_QUALITY_RUNS', 5);
/** The goal: a quarter's report in under a second. */
const GOAL_MS = 1_000;
const ZONE = 'Europe/Vilnius';
/** The report is asked for on 15 April 2027 about the first quarter (1 January – 1 April 2027). */
const NOW = new Date('2027-04-15T10:00:00+03:00');


async function main() {
  const { url, describe } = await openBenchDatabase();
  // The service's role, as the first institution (issue #17: row-level security on every read the report makes).
  const opened = await openDatabase(url);
  await opened.dataSource.destroy();
  const dataSource = await appSource(opened.appUrl, 10, FIRST_INSTITUTION);
  cleanups.unshift(() => dataSource.destroy());
  const [{ server_version: serverVersion }] = await dataSource.query('SHOW server_version');
  log(`PostgreSQL ${serverVersion} (${describe}), ${os.cpus().length} CPUs, Node ${process.version}`);
  const monitor = new PostgresQualityMonitor(dataSource, { now: () => NOW }, ZONE);
  const quarter = monitor.periodOf('quarter', NOW, 'last');
  const previous = monitor.periodOf('quarter', quarter.from, 'last');

  const seeding = performance.now();
  const managers = await seed(dataSource, quarter, previous);
  // Only the owner may gather the planner's statistics.
  await withOwner(url, (owner) => owner.query('ANALYZE'));
  log(`seeded ${2 * INQUIRIES} inquiries with their facts, marks and ratings in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

  const rows = [];
  for (const [label, scope] of [
    ['institution', { kind: 'institution' }],
    ['team', { kind: 'team', managerId: managers[0] }],
    ['representative', { kind: 'representative', staffId: await oneRepresentative(dataSource) }],
  ]) {
    const times = [];
    let report;
    // The first run warms the caches, as a running service's are.
    report = await monitor.report(quarter, scope);
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      report = await monitor.report(quarter, scope);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    rows.push([`report(quarter, ${label})`, `${median.toFixed(0)} ms`, `median of ${RUNS}, max ${times.at(-1).toFixed(0)} ms; received ${report.total.current.received}, previous ${report.total.previous.received}`]);
    if (label === 'institution') {
      if (report.total.current.received !== INQUIRIES) throw new Error(`the report counted ${report.total.current.received} received, not ${INQUIRIES}`);
      if (median > GOAL_MS) process.exitCode = 1;
    }
  }
  const streaming = performance.now();
  let streamed = 0;
  for await (const _row of monitor.rows(quarter, { kind: 'institution' })) streamed += 1;
  if (streamed !== INQUIRIES) throw new Error(`rows() gave ${streamed} rows, not ${INQUIRIES}`);
  rows.push(['rows(quarter) streamed', `${((performance.now() - streaming) / 1000).toFixed(2)} s`, `${streamed} CSV rows, ${500} per page`]);

  process.stdout.write(`Langelis quality report benchmark: ${INQUIRIES} inquiries a quarter, goal < ${GOAL_MS} ms\n`);
  printTable(['metric', 'value', 'detail'], rows);
}

/**
 * Staff (managers with representatives under them), then per quarter `INQUIRIES` inquiries and their quality facts,
 * spread over the quarter, with marks and ratings in realistic shares — all by SQL (generate_series), no domain calls.
 * `h` is a cheap deterministic hash of the row number that decides each inquiry's lot.
 */
async function seed(db, quarter, previous) {
  const managerCount = Math.max(1, Math.ceil(REPRESENTATIVES / 10));
  await db.query(`
    INSERT INTO staff_members (id, first_name, surname, email, language, roles)
    SELECT gen_random_uuid(), 'Vadovas', 'Nr' || i, 'manager' || i || '@bench.lt', 'lt', ARRAY['manager', 'representative']
    FROM generate_series(1, $1) AS i`, [managerCount]);
  await db.query(`
    INSERT INTO staff_members (id, first_name, surname, email, language, roles, manager_id)
    SELECT gen_random_uuid(), 'Atstovas', 'Nr' || i, 'rep' || i || '@bench.lt', 'lt', ARRAY['representative'],
      (SELECT id FROM staff_members WHERE email = 'manager' || (1 + i % $2) || '@bench.lt')
    FROM generate_series(1, $1) AS i`, [REPRESENTATIVES, managerCount]);
  for (const [index, period] of [quarter, previous].entries()) {
    await db.query(`
      WITH reps AS (SELECT array_agg(id ORDER BY email) AS ids FROM staff_members WHERE email LIKE 'rep%'),
      lot AS (
        SELECT i, (i * 2654435761::bigint) % 1000 AS h,
          $2::timestamptz + (($3::timestamptz - $2::timestamptz) * ((i - 1)::float / $1)) AS received
        FROM generate_series(1, $1) AS i)
      INSERT INTO inquiries (id, registry_number, kind, channel, client_name, client_language, subject, body, received_at,
        status, owner_id, first_reply_due, first_reply_at, statutory_due, promised_by, resolved_at)
      SELECT gen_random_uuid(), 'B${index}-' || i, (ARRAY['request', 'question', 'complaint'])[1 + h % 3],
        (ARRAY['email', 'web', 'phone', 'in_person', 'letter'])[1 + h % 5], '-', 'lt', '-', '-', received,
        CASE WHEN h % 10 < 7 THEN 'resolved' ELSE 'in_progress' END,
        CASE WHEN h % 50 = 0 THEN NULL ELSE reps.ids[1 + i % array_length(reps.ids, 1)] END,
        received + interval '1 day',
        CASE WHEN h % 20 = 0 THEN NULL ELSE received + make_interval(mins => (60 + h * 2)::int) END,
        CASE WHEN h % 3 = 1 THEN NULL ELSE received + interval '28 days' END,
        CASE WHEN h % 8 = 0 THEN received + interval '10 days' END,
        CASE WHEN h % 10 < 7 THEN received + make_interval(hours => (2 + h % 400)::int) END
      FROM lot, reps`, [INQUIRIES, period.from, period.to]);
  }
  await db.query(`
    INSERT INTO quality_facts (inquiry_id, registry_number, channel, kind, owner_id, received_at, first_reply_due, first_reply_at,
      first_reply_office_minutes, resolution_due, resolved_at)
    SELECT id, registry_number, channel, kind, owner_id, received_at, first_reply_due, first_reply_at,
      CASE WHEN first_reply_at IS NOT NULL THEN (hashtext(id::text) & 1023)::float END,
      COALESCE(promised_by, statutory_due), resolved_at
    FROM inquiries WHERE registry_number LIKE 'B%'`);
  // Marks: an overdue first reply for 1 in 10, a conflict 1 in 50, an incident 1 in 100, a missed callback 1 in 30,
  // a reopening 1 in 20, a meeting summary 1 in 20 (two in three of them on time).
  await db.query(`
    WITH f AS (SELECT inquiry_id, received_at, first_reply_due, abs(hashtext(inquiry_id::text)) % 300 AS h FROM quality_facts)
    INSERT INTO quality_marks (inquiry_id, kind, key, at, met_at)
    SELECT inquiry_id, 'overdue', 'first_reply:' || first_reply_due, first_reply_due, NULL::timestamptz FROM f WHERE h % 10 = 0
    UNION ALL SELECT inquiry_id, 'conflict', 'e' || h, received_at + interval '2 days', NULL FROM f WHERE h % 50 = 1
    UNION ALL SELECT inquiry_id, 'incident', 'i' || h, received_at + interval '3 days', NULL FROM f WHERE h % 100 = 2
    UNION ALL SELECT inquiry_id, 'missed_callback', 'c' || h, received_at + interval '1 day', NULL FROM f WHERE h % 30 = 3
    UNION ALL SELECT inquiry_id, 'reopened', 'r' || h, received_at + interval '5 days', NULL FROM f WHERE h % 20 = 4
    UNION ALL SELECT inquiry_id, 'summary', 'm' || h, received_at + interval '4 days',
      received_at + CASE WHEN h % 3 = 0 THEN interval '5 days' ELSE interval '3 days' END FROM f WHERE h % 20 = 5`);
  // Ratings: a request for 3 in 10 resolved inquiries, about 6 in 10 of them answered.
  await db.query(`
    INSERT INTO rating_requests (id, inquiry_id, channel, language, status, requested_at, answered_at, score)
    SELECT gen_random_uuid(), inquiry_id, 'email', 'lt', CASE WHEN h % 10 < 6 THEN 'answered' WHEN h % 10 = 6 THEN 'void' ELSE 'pending' END,
      resolved_at, CASE WHEN h % 10 < 6 THEN resolved_at + interval '1 day' END, CASE WHEN h % 10 < 6 THEN 1 + h % 5 END
    FROM (SELECT inquiry_id, resolved_at, abs(hashtext(inquiry_id::text || 'r')) % 100 AS h FROM quality_facts WHERE resolved_at IS NOT NULL) f
    WHERE h < 30`);
  const rows = await db.query(`SELECT id FROM staff_members WHERE email LIKE 'manager%' ORDER BY email`);
  return rows.map((row) => row.id);
}

async function oneRepresentative(db) {
  const [row] = await db.query(`SELECT id FROM staff_members WHERE email = 'rep1@bench.lt'`);
  return row.id;
}

await runBench(main);
