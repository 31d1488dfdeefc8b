// `npm run bench:institutions`: one instance serving 100 institutions (issue #17), each with its own Slack workspace
// installed for it and 20 inquiries a day. Measures whether the deadline reminders of every institution go out on
// time when they all fall due at one instant (the morning after a holiday), and whether every workspace's Slack rate
// limits are respected while they do: the local Web API stand-in enforces each workspace's limits per method, as Slack
// does, and answers 429 beyond them. Plain JavaScript on the compiled `dist/` (the script builds first). See
// bench/README.md.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { startApp } from '../dist/app.js';
import { laneOf } from '../dist/bot/slack/rate-limits.js';
import { loadConfig } from '../dist/config.js';
import { inInstitution } from '../dist/domain/institution.js';
import { createLogger } from '../dist/logger.js';
import { PostgresChatInstallations } from '../dist/persistence/chat-installations.postgres.js';
import { withOwner } from '../dist/persistence/data-source.js';
import { cleanups, count, forEachConcurrently, log, openBenchDatabase, printTable, runBench } from './support.mjs';

const INSTITUTIONS = count('BENCH_INSTITUTIONS', 100);
const PER_INSTITUTION = count('BENCH_INQUIRIES_PER_INSTITUTION', 20);
/** `false`: the same run without pacing, to see what Slack would refuse. */
const PACING = process.env.BENCH_PACING !== 'false';
/** Goals: every reminder recorded within 10 s of its instant and told in its workspace within 60 s, no 429. */
const RECORDED_GOAL_S = 10;
const TOLD_GOAL_S = 60;
const TIMEOUT_MS = count('BENCH_INSTITUTIONS_TIMEOUT_MS', 300_000);
const LEAD_MS = 3_000;
const OFFICE_HOURS_INSTANT = Date.parse('2026-03-04T10:00:00+02:00');
const runId = randomBytes(4).toString('hex');
const rows = [];
let header = 'Langelis institutions benchmark';

/**
 * Slack's Web API as the workspaces see it: each workspace's token has, per method, a bucket of `burst` calls refilled
 * at the method's tier rate (the tiers of src/bot/slack/rate-limits.ts, from Slack's documentation); a call finding it
 * empty gets 429 with Retry-After. Every call is recorded with its time.
 */
class LimitedSlack {
  calls = [];
  limited = 0;
  workspaces = new Map();
  buckets = new Map();
  sequence = 0;

  async start() {
    this.server = http.createServer(async (request, response) => {
      let raw = '';
      for await (const chunk of request) raw += chunk;
      const method = new URL(request.url, 'http://x').pathname.replace('/api/', '');
      const token = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
      const body = Object.fromEntries(new URLSearchParams(raw));
      const at = performance.now();
      if (!this.take(token, method, at)) {
        this.limited += 1;
        response.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
        return response.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      }
      this.calls.push({ token, method, channel: body.channel, text: body.text ?? '', at });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(this.answer(method, body, token)));
    });
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    cleanups.unshift(() => new Promise((resolve) => { this.server.closeAllConnections(); this.server.close(resolve); }));
    return `http://127.0.0.1:${this.server.address().port}/api/`;
  }

  take(token, method, at) {
    const { perMinute, burst } = laneOf(method);
    const key = `${token} ${method}`;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at };
    bucket.tokens = Math.min(burst, bucket.tokens + ((at - bucket.at) / 60_000) * perMinute);
    bucket.at = at;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  answer(method, body, token) {
    const workspace = this.workspaces.get(token);
    switch (method) {
      case 'auth.test':
        return { ok: true, team_id: workspace?.teamId, user_id: workspace?.botUserId, bot_id: workspace?.botId };
      case 'chat.postMessage':
        return { ok: true, channel: body.channel, ts: `1800000000.${String(++this.sequence).padStart(6, '0')}` };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(body.users).slice(1)}` } };
      case 'users.info':
        return { ok: true, user: { id: body.user, locale: 'lt-LT' } };
      default:
        return { ok: true };
    }
  }
}

async function main() {
  const slack = new LimitedSlack();
  const apiUrl = await slack.start();
  const { url, describe } = await openBenchDatabase();
  const startedAt = Date.now();
  const clock = { now: () => new Date(OFFICE_HOURS_INSTANT + (Date.now() - startedAt)) };
  const config = loadConfig({
    DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent',
    SLACK_CLIENT_ID: '1111111111.2222222222', SLACK_CLIENT_SECRET: `bench-client-secret-${runId}`, SLACK_SIGNING_SECRET: `bench-signing-${runId}`,
    SLACK_API_URL: apiUrl, SLACK_PACING: String(PACING), LETTER_LINK_SECRET: randomBytes(32).toString('hex'),
  });
  const app = await startApp(config, createLogger(process.env.BENCH_LOG_LEVEL ?? 'silent'), { clock });
  cleanups.unshift(() => app.stop());
  const [{ server_version: version }] = await app.dataSource.query('SHOW server_version');
  header = `Langelis institutions benchmark — ${INSTITUTIONS} institutions × ${PER_INSTITUTION} inquiries, pacing ${PACING ? 'on' : 'off'} — PostgreSQL ${version} (${describe}), ${os.cpus().length} CPUs, Node ${process.version}`;
  log(header);

  const institutions = await addInstitutions(app, url, slack);
  const total = institutions.length * PER_INSTITUTION;
  log(`registering and claiming ${total} inquiries, one institution after another in turn`);
  const began = performance.now();
  const inquiries = await registerDay(institutions);
  await waitUntil(async () => (await app.outbox.health()).pending === 0, 'the outbox to deliver the day');
  const announced = slack.calls.filter((call) => call.method === 'chat.postMessage' && call.channel?.startsWith('C')).length;
  rows.push({ missed: announced < total, cells: ['a day of inquiries announced', `${announced}/${total}`, `in ${((performance.now() - began) / 1000).toFixed(1)} s, each in its own workspace's channel; 429 so far ${slack.limited}`] });
  await withOwner(url, (owner) => owner.query('ANALYZE notice_schedule, inquiries, deadline_notices, outbox'));

  log(`${total} first-reply reminders of ${institutions.length} institutions due at one instant`);
  const limitedBefore = slack.limited;
  const dmBefore = slack.calls.length;
  const due = new Date(Date.now() + LEAD_MS);
  const dueAt = performance.now() + LEAD_MS;
  await withOwner(url, (owner) => owner.query(
    `INSERT INTO notice_schedule (institution_id, inquiry_id, deadline, stage, due_at, run_at)
     SELECT i.institution_id, i.id, 'first_reply', 'reminder', i.first_reply_due, $2 FROM inquiries i WHERE i.id = ANY($1::uuid[])
     ON CONFLICT (inquiry_id, deadline, stage) DO UPDATE SET run_at = EXCLUDED.run_at, taken_until = NULL, version = nextval('notice_schedule_version')`,
    [inquiries.map((inquiry) => inquiry.id), due],
  ));
  await app.scheduler.sweepAt(due);
  const recorded = async () => (await withOwner(url, (owner) => owner.query(`SELECT count(*)::int AS n FROM deadline_notices WHERE deadline = 'first_reply' AND stage = 'reminder'`)))[0].n;
  await waitUntil(async () => (await recorded()) >= total, 'every reminder to be recorded');
  const told = () => slack.calls.slice(dmBefore).filter((call) => call.method === 'chat.postMessage' && call.channel?.startsWith('D'));
  await waitUntil(async () => told().length >= total, 'every reminder to be told in Slack');
  const [lateness] = await withOwner(url, (owner) => owner.query(
    `SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - $1::timestamptz)) AS p99, max(extract(epoch FROM sent_at - $1::timestamptz)) AS max
     FROM deadline_notices WHERE deadline = 'first_reply' AND stage = 'reminder'`,
    [due],
  ));
  const recordedMissed = Number(lateness.p99) > RECORDED_GOAL_S;
  rows.push({ missed: recordedMissed, cells: ['reminders recorded after their instant: p99', seconds(lateness.p99), `goal ≤ ${RECORDED_GOAL_S} s${recordedMissed ? ' — MISSED' : ''}; max ${seconds(lateness.max)}`] });
  const delays = told().map((call) => (call.at - dueAt) / 1000).sort((a, b) => a - b);
  const p = (q) => delays[Math.min(delays.length - 1, Math.floor(q * delays.length))];
  const toldMissed = p(0.99) > TOLD_GOAL_S;
  rows.push({ missed: toldMissed, cells: ['reminders told in their workspace: p99', seconds(p(0.99)), `goal ≤ ${TOLD_GOAL_S} s${toldMissed ? ' — MISSED' : ''}; p50 ${seconds(p(0.5))}, max ${seconds(delays.at(-1))}; ${delays.length} DMs`] });
  const limited = slack.limited - limitedBefore;
  rows.push({ missed: PACING && slack.limited > 0, cells: ['calls Slack refused (429)', String(slack.limited), `${limited} during the reminders; goal 0 with pacing${PACING && slack.limited > 0 ? ' — MISSED' : ''}; ${slack.calls.length} calls answered`] });
  const wrong = slack.calls.filter((call) => call.method === 'chat.postMessage' && call.channel?.startsWith('C') && institutions.find((one) => one.token === call.token)?.channel !== call.channel).length;
  rows.push({ missed: wrong > 0, cells: ['posts into another institution\'s channel', String(wrong), 'goal 0'] });
  return rows.some((row) => row.missed) ? 1 : 0;
}

/** The institutions, each with its admin and representative, its staff channel and its workspace installed. */
async function addInstitutions(app, url, slack) {
  log(`adding ${INSTITUTIONS} institutions, each with its workspace`);
  const ids = await withOwner(url, async (owner) => {
    const added = await owner.query(
      `INSERT INTO institutions (slug, name) SELECT 'bench-' || n, 'Lopšelis-darželis Nr. ' || n FROM generate_series(1, $1) AS n RETURNING id`,
      [INSTITUTIONS],
    );
    return added.map((row) => row.id);
  });
  const institutions = ids.map((id, index) => {
    const n = String(index + 1).padStart(3, '0');
    return { id, services: app.forInstitution(id), token: `xoxb-bench-${n}`, channel: `C0BENCH${n}`, teamId: `T0BENCH${n}`, person: `UBENCH${n}`, botUserId: `UBOTB${n}`, botId: `BBOTB${n}` };
  });
  const installations = new PostgresChatInstallations(app.dataSource);
  await forEachConcurrently(institutions, 10, async (one) => {
    slack.workspaces.set(one.token, one);
    await one.services.staff.importMembers([{ firstName: 'Rasa', surname: `Atstovė ${one.id}`, email: `rasa@${one.teamId.toLowerCase()}.lt`, roles: ['admin', 'manager', 'representative'], slackUserId: one.person }]);
    [one.member] = await one.services.queries.staffWithRole('admin');
    await one.services.institutionSettings.update(one.member.id, { staffChannel: { slack: one.channel } });
    await inInstitution(one.id, () => installations.save({ platform: 'slack', account: one.teamId, enterprise: null, accountName: null, botUserId: one.botUserId, botId: one.botId, secret: one.token, installedBy: one.person }));
  });
  return institutions;
}

/** A day's inquiries: each institution in turn, as they come in over a day; each claimed by the institution's representative. */
async function registerDay(institutions) {
  const receivedAt = new Date().toISOString();
  const order = Array.from({ length: PER_INSTITUTION }, (_, k) => institutions.map((one) => ({ one, k }))).flat();
  const inquiries = [];
  await forEachConcurrently(order, 20, async ({ one, k }) => {
    const { inquiry } = await one.services.inquiries.register({
      kind: 'request', channel: 'email', externalId: `<bench-${runId}-${one.id}-${k}@tevai.lt>`,
      client: { name: 'Giedrė Žemaitienė', email: 'giedre@example.lt', phone: null, language: 'lt' },
      subject: 'Dėl vietos darželyje', body: 'Laba diena, norėčiau sužinoti apie laisvas vietas. Ačiū.', receivedAt,
    });
    await one.services.inquiries.claim(inquiry.id, one.member.id);
    inquiries.push(inquiry);
  });
  return inquiries;
}

async function waitUntil(done, what) {
  const giveUpAt = Date.now() + TIMEOUT_MS;
  while (!(await done())) {
    if (Date.now() > giveUpAt) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function seconds(value) {
  return value === null || value === undefined || Number.isNaN(Number(value)) ? '—' : `${Number(value).toFixed(2)} s`;
}

function printResults() {
  if (rows.length === 0) return;
  process.stdout.write(`\n${header}\n\n`);
  printTable(['metric', 'value', 'detail'], rows.map((row) => row.cells));
}

await runBench(main, printResults);
