// `npm run bench:memory`: the service's memory with 10,000 open inquiries (issue #16: RSS ≤ 200 MB). Plain JavaScript
// on the compiled `dist/` (the script builds first), run with `--expose-gc`, so the figures are what `npm start` holds
// once a collection has run, not garbage waiting for one. See bench/README.md.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { startApp } from '../dist/app.js';
import { overviewOf } from '../dist/bot/core/commands/overview.js';
import { dashboardOf, hasDashboard } from '../dist/bot/core/reports/dashboard.js';
import { ReportLinks } from '../dist/domain/report-link.js';
import { loadConfig } from '../dist/config.js';
import { createLogger } from '../dist/logger.js';
import { cleanups, count, log, openBenchDatabase, printTable, runBench, forEachConcurrently } from './support.mjs';

const INQUIRIES = count('BENCH_MEMORY_INQUIRIES', 10_000);
const REPRESENTATIVES = count('BENCH_MEMORY_REPRESENTATIVES', 8);
/** One inquiry in this many is claimed, by the representatives in turn; the rest wait in the unclaimed queue. */
const CLAIM_EVERY = count('BENCH_MEMORY_CLAIM_EVERY', 3);
/** Rounds of every person's overview and lists, as App Homes republished after changes and `list` commands do. */
const READ_ROUNDS = count('BENCH_MEMORY_READ_ROUNDS', 5);
/** How long to wait for the outbox to deliver every event of the registrations and claims. */
const OUTBOX_TIMEOUT_MS = count('BENCH_MEMORY_OUTBOX_TIMEOUT_MS', 1_200_000);
const GOAL_MB = 200;
const CONCURRENCY = 20;

/** Wednesday 4 March 2026, 10:00 in Vilnius: inside office hours, so the deadline jobs are the ordinary ones. */
const OFFICE_HOURS_INSTANT = Date.parse('2026-03-04T10:00:00+02:00');

const runId = randomBytes(4).toString('hex');
const rows = [];
let header = 'Langelis memory benchmark';

const megabytes = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main() {
  if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc (npm run bench:memory does)');
  const { url, describe } = await openBenchDatabase();
  const startedAt = Date.now();
  const clock = { now: () => new Date(OFFICE_HOURS_INSTANT + (Date.now() - startedAt)) };
  // A chat notifier that keeps nothing: what is measured is the service's own state, not a platform's.
  const notifier = { name: 'bench', accepts: (type) => type !== 'deadlines_changed', handle: async () => undefined };
  const config = loadConfig({ DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
  const app = await startApp(config, createLogger('silent'), { clock, notifiers: [notifier] });
  cleanups.unshift(() => app.stop());
  const [{ server_version: serverVersion }] = await app.dataSource.query('SHOW server_version');
  header = `Langelis memory benchmark — PostgreSQL ${serverVersion} (${describe}), ${os.cpus().length} CPUs, Node ${process.version}`;
  const started = await settledMemory();

  const staff = await importStaff(app);
  log(`registering ${INQUIRIES} inquiries, ${CONCURRENCY} at a time`);
  const registering = performance.now();
  const inquiries = await registerMany(app, INQUIRIES);
  const claimed = inquiries.filter((_, index) => index % CLAIM_EVERY === 0);
  await forEachConcurrently(claimed, CONCURRENCY, (inquiry, index) => app.inquiries.claim(inquiry.id, staff.representatives[index % staff.representatives.length].id));
  log(`registered and claimed in ${((performance.now() - registering) / 1000).toFixed(0)} s; waiting for the outbox (deadline jobs)`);
  const undelivered = await waitForOutbox(app);
  const [{ open }] = await app.dataSource.query(`SELECT count(*)::int AS open FROM inquiries WHERE status NOT IN ('resolved', 'closed')`);
  const [{ jobs }] = await app.dataSource.query(`SELECT count(*)::int AS jobs FROM agenda_jobs`);
  if (open < INQUIRIES) throw new Error(`expected ${INQUIRIES} open inquiries, found ${open}`);
  const peakAfterLoad = measure();

  log(`reading: ${READ_ROUNDS} rounds of every person's overview (App Home) and lists`);
  for (let round = 0; round < READ_ROUNDS; round += 1) {
    for (const person of [staff.manager, ...staff.representatives]) await readAsStaff(app, config, clock, person);
  }
  const settled = await settledMemory();
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  rows.push(
    ['RSS at start (after GC)', megabytes(started.rss), `heap used ${megabytes(started.heapUsed)}, external ${megabytes(started.external)}`],
    ['RSS after registering (before GC)', megabytes(peakAfterLoad.rss), `${open} open inquiries (${claimed.length} claimed), ${jobs} agenda jobs${undelivered > 0 ? `, ${undelivered} outbox events still undelivered` : ''}`],
    [`RSS with ${INQUIRIES.toLocaleString('en')} open inquiries`, megabytes(settled.rss), `after ${READ_ROUNDS} rounds of ${REPRESENTATIVES + 1} overviews and lists (and the manager's dashboard), then GC; goal ≤ ${GOAL_MB} MB`],
    ['heap used', megabytes(settled.heapUsed), `heap total ${megabytes(settled.heapTotal)}`],
    ['external', megabytes(settled.external), `array buffers ${megabytes(settled.arrayBuffers)}`],
    ['peak RSS of the run', megabytes(maxRssBytes), 'process.resourceUsage().maxRSS'],
    ...residentParts(),
  );
  if (settled.rss > GOAL_MB * 1024 * 1024) {
    log(`RSS ${megabytes(settled.rss)} is over the goal of ${GOAL_MB} MB`);
    process.exitCode = 1;
  }
}

/** Memory after two full collections a moment apart (the second frees what the first's finalizers released). */
async function settledMemory() {
  global.gc();
  await sleep(500);
  global.gc();
  return measure();
}

/** Linux: what the resident memory is made of (anonymous: heaps and malloc; file: the mapped code), from /proc. */
function residentParts() {
  let status;
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch {
    return [];
  }
  const field = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+)`, 'm'))?.[1] ?? 0);
  return [['RSS anonymous', megabytes(field('RssAnon') * 1024), `file-backed (code) ${megabytes(field('RssFile') * 1024)}; ${field('Threads')} threads`]];
}

function measure() {
  return process.memoryUsage();
}

/**
 * What a running service reads for one person: the App Home's three lists (and for a manager its dashboard, this
 * week's report drawn as an image), and the `mine`/`list` commands' queries.
 */
async function readAsStaff(app, config, clock, person) {
  const context = { clock, config, queries: app.queries, capabilities: app.capabilities, quality: app.quality, reportLinks: new ReportLinks(runId.repeat(8), 3_600_000, clock) };
  await overviewOf(person, person.language, context);
  if (hasDashboard(person) && !(await dashboardOf(person, person.language, context))) throw new Error('the manager\'s dashboard was not drawn');
  await app.queries.list({ ownerId: person.id, openOnly: true, limit: 20 });
  await app.queries.list({ unclaimed: true, openOnly: true, limit: 20 });
}

/** A manager and her representatives, as the staff import creates them. */
async function importStaff(app) {
  const pad = (i) => String(i + 1).padStart(2, '0');
  const managerEmail = `vadove.${runId}@daigelis.lt`;
  await app.staff.importMembers([
    { firstName: 'Vida', surname: 'Vadovė', email: managerEmail, roles: ['manager', 'representative'], position: 'Direktoriaus pavaduotoja' },
    ...Array.from({ length: REPRESENTATIVES }, (_, i) => ({
      firstName: 'Atstovė', surname: `Nr${pad(i)}`, email: `atstove${pad(i)}.${runId}@daigelis.lt`, position: 'Raštinės administratorė', manager: managerEmail,
    })),
  ]);
  const rowsOf = await app.dataSource.query(`SELECT id, email FROM staff_members WHERE email LIKE $1 ORDER BY email`, [`%.${runId}@daigelis.lt`]);
  const members = await Promise.all(rowsOf.map((row) => app.queries.staffMember(row.id)));
  return { manager: members.find((member) => member.email === managerEmail), representatives: members.filter((member) => member.email !== managerEmail) };
}

/** Registers `n` e-mailed requests received now (so no deadline falls due during the run). */
async function registerMany(app, n) {
  const receivedAt = new Date().toISOString();
  const inquiries = new Array(n);
  let reported = Date.now();
  await forEachConcurrently(Array.from({ length: n }, (_, i) => i), CONCURRENCY, async (i) => {
    const { inquiry } = await app.inquiries.register({
      kind: 'request',
      channel: 'email',
      externalId: `<memory-${runId}-${i}@tevai.lt>`,
      client: { name: 'Giedrė Žemaitienė', email: `giedre${i}@example.lt`, phone: null, language: 'lt' },
      subject: 'Dėl vietos darželyje',
      body: 'Laba diena, norėčiau sužinoti apie laisvas vietas lopšelio grupėje nuo rugsėjo. Ačiū.',
      receivedAt,
    });
    inquiries[i] = { id: inquiry.id };
    if (Date.now() - reported > 15_000) {
      log(`registered ${inquiries.filter(Boolean).length}/${n}`);
      reported = Date.now();
    }
  });
  return inquiries;
}

/**
 * Waits for the outbox to deliver everything (the deadline jobs are made from its events); returns how many events
 * were still undelivered after OUTBOX_TIMEOUT_MS. Memory is measured either way: the run says how far it got.
 */
async function waitForOutbox(app) {
  const started = performance.now();
  let reported = Date.now();
  for (;;) {
    const { pending, failing } = await app.outbox.health();
    if (pending === 0) return 0;
    if (failing > 0) throw new Error(`outbox deliveries are failing (${failing})`);
    if (performance.now() - started > OUTBOX_TIMEOUT_MS) {
      log(`outbox still has ${pending} events after ${OUTBOX_TIMEOUT_MS / 1000} s; measuring anyway`);
      return pending;
    }
    if (Date.now() - reported > 30_000) {
      log(`outbox: ${pending} events to deliver`);
      reported = Date.now();
    }
    await sleep(500);
  }
}

function printResults() {
  if (rows.length === 0) return;
  process.stdout.write(`\n${header}\n`);
  printTable(['measure', 'value', 'detail'], rows);
}

await runBench(main, printResults);
