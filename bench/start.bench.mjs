// `npm run bench:start`: how long `npm start` takes until GET /healthz answers 200 — the first start after
// `npm ci` (no dist/, a new data folder: compile, initialise PostgreSQL) and a restart with nothing changed —
// and how long a stop takes. It runs the real command (`node scripts/run-built.mjs dist/main.js`, what
// `npm start` runs) on the embedded database in a temporary folder. See bench/README.md.
import { freePort } from '../test/support/global-setup.mjs';
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESTARTS = Number(process.env.BENCH_RESTARTS ?? 3);

/** A copy of the project without dist/, as a fresh clone after `npm ci` has it (node_modules linked). */
async function freshCopy(dir) {
  for (const item of ['src', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']) {
    await cp(path.join(root, item), path.join(dir, item), { recursive: true });
  }
  await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
}

/** Starts the service, returns the ms until /healthz answered 200 and a stop() that returns the ms to exit. */
async function start(dir, env) {
  const begun = performance.now();
  const child = spawn(process.execPath, ['scripts/run-built.mjs', 'dist/main.js'], { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode}):\n${output}`);
    const healthy = await fetch(`http://127.0.0.1:${env.PORT}/healthz`).then((response) => response.ok, () => false);
    if (healthy) break;
    if (performance.now() - begun > 120_000) throw new Error(`not healthy after 120 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const readyMs = performance.now() - begun;
  return {
    readyMs,
    async stop() {
      const stopping = performance.now();
      child.kill('SIGTERM');
      const code = await exited;
      const lines = output.trim().split('\n');
      const after = lines.slice(lines.findIndex((line) => line.includes('"stopping'))).filter((line) => /"level":(40|50|60)/.test(line));
      if (code !== 0 || !lines.at(-1).includes('"stopped"') || after.length > 0) throw new Error(`unclean stop (exit ${code}):\n${output}`);
      return performance.now() - stopping;
    },
  };
}

const work = await mkdtemp(path.join(os.tmpdir(), 'langelis-start-bench-'));
try {
  await freshCopy(work);
  const env = { DATA_DIR: path.join(work, 'data'), PORT: String(await freePort()), EMBEDDED_POSTGRES_PORT: String(await freePort()), HOST: '127.0.0.1', LOG_LEVEL: 'info' };
  for (const name of Object.keys(process.env)) if (/^(DATABASE_URL|SLACK_|Microsoft|TEAMS_|IMAP_|SMTP_)/.test(name)) delete process.env[name];
  const rows = [];
  const first = await start(work, env);
  rows.push(['first start (compile, initialise the database)', first.readyMs, 30_000]);
  rows.push(['stop', await first.stop(), 10_000]);
  for (let run = 1; run <= RESTARTS; run += 1) {
    const again = await start(work, env);
    rows.push([`restart ${run} (nothing changed)`, again.readyMs, 3_000]);
    rows.push(['stop', await again.stop(), 10_000]);
  }
  process.stdout.write(`\n| measure | ms | goal (ms) | met |\n|---|---:|---:|---|\n`);
  for (const [name, ms, goal] of rows) process.stdout.write(`| ${name} | ${Math.round(ms)} | ≤ ${goal} | ${ms <= goal ? 'yes' : 'NO'} |\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
