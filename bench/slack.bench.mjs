// `npm run bench:slack`: how fast the Claim button is acknowledged through `POST /slack/events`, with 100 clicks
// arriving at once, next to a bare Bolt app (same signing, same local Web API, a handler that only acks) on the
// same run. Slack gives an app 3 seconds to ack; the bare app shows what Bolt itself costs on this machine.
// Plain JavaScript on the compiled `dist/` (the script builds first), so it measures what `npm start` runs.
// The clicks are sent from a worker thread, so the client's own work does not share the servers' event loop.
import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const CONCURRENT = positive('BENCH_SLACK_CONCURRENT', 100);
const ROUNDS = positive('BENCH_SLACK_ROUNDS', 10);
/** Clicks of one round fall on this many inquiries, so most clicks lose a race (the usual case for Claim). */
const INQUIRIES_PER_ROUND = positive('BENCH_SLACK_INQUIRIES_PER_ROUND', 10);
const SECRET = isMainThread ? randomBytes(16).toString('hex') : workerData.secret;
const CHANNEL = 'C0BENCH01';
const log = (message) => process.stderr.write(`[bench:slack] ${message}\n`);
const cleanups = [];

function positive(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not "${raw}"`);
  return value;
}

/** What the Web API stand-in was asked, to know when the work after the acks is done. */
const apiCalls = new Map();

/** The Web API stand-in: answers every method the bot calls, at once. */
async function startFakeWebApi() {
  let sequence = 0;
  const server = http.createServer(async (request, response) => {
    for await (const _chunk of request);
    const method = new URL(request.url, 'http://x').pathname.replace('/api/', '');
    apiCalls.set(method, (apiCalls.get(method) ?? 0) + 1);
    const answers = {
      'auth.test': { ok: true, user_id: 'UBOT00001', bot_id: 'BBOT00001', team_id: 'T0BENCH01' },
      'chat.postMessage': { ok: true, channel: CHANNEL, ts: `1800000000.${String(++sequence).padStart(6, '0')}` },
      'conversations.open': { ok: true, channel: { id: 'D0BENCH01' } },
    };
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answers[method] ?? { ok: true }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.unshift(() => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }));
  return `http://127.0.0.1:${server.address().port}/api/`;
}

function claimClick(user, inquiryId) {
  const payload = {
    type: 'block_actions',
    team: { id: 'T0BENCH01', domain: 'bench' },
    user: { id: user, username: user, team_id: 'T0BENCH01' },
    api_app_id: 'A0BENCH01',
    trigger_id: `${randomBytes(4).toString('hex')}.trigger`,
    container: { type: 'message', message_ts: '1800000000.000001', channel_id: CHANNEL },
    channel: { id: CHANNEL, name: 'bench' },
    message: { ts: '1800000000.000001', type: 'message', text: '' },
    actions: [{ type: 'button', action_id: 'claim', block_id: 'inquiry_actions', value: inquiryId, action_ts: '1800000000.1' }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** One signed POST (in the worker); resolves with the time until Slack would have had its answer (the ack). */
async function timedPost(url, body) {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature },
    body,
  });
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return elapsed;
}

/**
 * ROUNDS bursts of CONCURRENT simultaneous clicks (after one warm-up burst), sent by a worker thread; returns every
 * latency. `settle` runs between bursts: each burst is 100 people clicking at once, not an endless stream.
 */
async function measure(url, rounds, settle = async () => undefined) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { secret: SECRET, url } });
  let pending = null;
  worker.on('message', (times) => pending?.resolve(times));
  worker.on('error', (error) => pending?.reject(error));
  const burst = (clicks) => new Promise((resolve, reject) => {
    pending = { resolve, reject };
    worker.postMessage(clicks);
  });
  const latencies = [];
  try {
    for (const [index, clicks] of rounds.entries()) {
      const times = await burst(clicks);
      if (index > 0) latencies.push(...times);
      await settle(index);
    }
  } finally {
    await worker.terminate();
  }
  return latencies;
}

function clickInWorker() {
  parentPort.on('message', async (clicks) => {
    parentPort.postMessage(await Promise.all(clicks.map((body) => timedPost(workerData.url, body))));
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(name, latencies) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { name, clicks: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) };
}

async function startBareBolt(apiUrl, bolt) {
  const receiver = new bolt.HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events', logger: quietBoltLogger() });
  const app = new bolt.App({ token: 'xoxb-bench', receiver, logger: quietBoltLogger(), clientOptions: { slackApiUrl: apiUrl }, deferInitialization: true });
  app.action('claim', async ({ ack }) => ack());
  await app.init();
  const server = http.createServer((request, response) => receiver.requestListener(request, response));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.unshift(() => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }));
  return `http://127.0.0.1:${server.address().port}/slack/events`;
}

function quietBoltLogger() {
  const nothing = () => undefined;
  return { debug: nothing, info: nothing, warn: nothing, error: nothing, setLevel: nothing, getLevel: () => 'error', setName: nothing };
}

async function openDatabase(pg, { ensureDatabase, startEmbeddedDatabase }) {
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/langelis_bench_slack_${randomBytes(5).toString('hex')}`;
    await ensureDatabase(url.toString());
    cleanups.push(async () => {
      const admin = new URL(url);
      admin.pathname = '/postgres';
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(url.pathname.slice(1))} WITH (FORCE)`).finally(() => client.end());
    });
    return url.toString();
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'langelis-bench-slack-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  log(`no DATABASE_URL: starting an embedded PostgreSQL in ${dir}`);
  const embedded = await startEmbeddedDatabase({ dataDir: path.join(dir, 'postgres'), port, database: 'langelis_bench' });
  cleanups.unshift(() => embedded.stop());
  return embedded.url;
}

async function main() {
  const { default: pg } = await import('pg');
  const { default: bolt } = await import('@slack/bolt');
  const { startApp } = await import('../dist/app.js');
  const { loadConfig } = await import('../dist/config.js');
  const { createLogger } = await import('../dist/logger.js');
  const embedded = await import('../dist/persistence/embedded-database.js');
  const started = performance.now();
  const apiUrl = await startFakeWebApi();
  const databaseUrl = await openDatabase(pg, embedded);
  const config = loadConfig({
    DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent',
    SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_STAFF_CHANNEL: CHANNEL, SLACK_API_URL: apiUrl,
  });
  const app = await startApp(config, createLogger(process.env.BENCH_LOG_LEVEL ?? 'silent'));
  cleanups.unshift(() => app.stop());

  const users = Array.from({ length: CONCURRENT }, (_, index) => `UBENCH${String(index).padStart(4, '0')}`);
  await app.staff.importMembers(users.map((user, index) => ({ firstName: 'Darbuotojas', surname: `Nr${index}`, email: `bench${index}@daigelis.lt`, slackUserId: user })));
  const inquiryIds = [];
  for (let round = 0; round <= ROUNDS; round += 1) {
    const ids = [];
    for (let index = 0; index < INQUIRIES_PER_ROUND; index += 1) {
      const { inquiry } = await app.inquiries.register({
        kind: 'question', channel: 'web', externalId: `bench-${round}-${index}-${randomBytes(3).toString('hex')}`,
        client: { name: 'Bench Client', email: 'bench@example.lt' }, subject: 'Bench', body: 'Bench', receivedAt: new Date(),
      });
      ids.push(inquiry.id);
    }
    inquiryIds.push(ids);
  }
  log(`${CONCURRENT} staff, ${inquiryIds.flat().length} inquiries; ${ROUNDS} rounds of ${CONCURRENT} concurrent Claim clicks (+1 warm-up)`);

  const bareUrl = await startBareBolt(apiUrl, bolt);
  const rounds = inquiryIds.map((targets) => users.map((user, index) => claimClick(user, targets[index % targets.length])));
  // The clicks' work goes on after their acks; before the next burst, wait until every click of this one has had
  // its effect (a claim or an "already claimed" ephemeral). The longest such wait is reported.
  let claimed = 0;
  let slowestSettleMs = 0;
  const settle = async (index) => {
    const settleStarted = performance.now();
    for (;;) {
      [{ n: claimed }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM inquiries WHERE owner_id IS NOT NULL`);
      if (claimed + (apiCalls.get('chat.postEphemeral') ?? 0) >= (index + 1) * CONCURRENT) break;
      if (performance.now() - settleStarted > 60_000) throw new Error(`burst ${index}: clicks still unanswered after a minute`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    slowestSettleMs = Math.max(slowestSettleMs, performance.now() - settleStarted);
  };
  const langelis = summary('Langelis /slack/events', await measure(`${app.url}/slack/events`, rounds, settle));
  const bare = summary('bare Bolt app (ack only)', await measure(bareUrl, rounds));
  const clicks = rounds.length * CONCURRENT;

  const format = (ms) => `${ms.toFixed(1).padStart(8)} ms`;
  console.log(`\nClaim-button ack latency, ${CONCURRENT} concurrent clicks × ${ROUNDS} rounds (Node ${process.version}, ${os.cpus().length} CPUs)`);
  console.log(`${'endpoint'.padEnd(28)} ${'clicks'.padStart(7)} ${'p50'.padStart(11)} ${'p99'.padStart(11)} ${'max'.padStart(11)}`);
  for (const row of [langelis, bare]) console.log(`${row.name.padEnd(28)} ${String(row.clicks).padStart(7)} ${format(row.p50)} ${format(row.p99)} ${format(row.max)}`);
  console.log(`(all ${clicks} clicks handled: ${claimed} claims won, ${clicks - claimed} told "already claimed"; a burst's work after its last ack took at most ${slowestSettleMs.toFixed(0)} ms)`);
  console.log(`(Slack's limit for an ack: 3000 ms; run took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

if (!isMainThread) {
  clickInWorker();
} else {
  try {
    await main();
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error) => log(`cleanup failed: ${error.message}`));
  }
}
