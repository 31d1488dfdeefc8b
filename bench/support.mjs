// What the benchmarks share: their settings from the environment, a throwaway database, cleaning up, the table.
import { freePort } from '../test/support/global-setup.mjs';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureDatabase, startEmbeddedDatabase } from '../dist/persistence/embedded-database.js';

export const log = (message) => process.stderr.write(`[bench] ${message}\n`);

/** A whole number from the environment (`zero`: 0 allowed), or the fallback when unset. */
export function count(name, fallback, { zero = false } = {}) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < (zero ? 0 : 1)) throw new Error(`${name} must be a ${zero ? 'non-negative' : 'positive'} integer, not "${raw}"`);
  return value;
}

/** What to undo at the end, first to last: `unshift` what must go before what is there (a connection before its server). */
export const cleanups = [];

/** Runs the cleanups in order, each even if an earlier one failed. */
export async function cleanUp() {
  while (cleanups.length > 0) {
    const cleanup = cleanups.shift();
    try {
      await cleanup();
    } catch (error) {
      log(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** DATABASE_URL's server with a throwaway database on it, or else a throwaway embedded PostgreSQL. */
export async function openBenchDatabase() {
  const given = process.env.DATABASE_URL;
  if (given) {
    const url = new URL(given);
    url.pathname = `/langelis_bench_${randomBytes(6).toString('hex')}`;
    await ensureDatabase(url.toString());
    cleanups.push(() => dropDatabase(url));
    log(`using database ${url.pathname.slice(1)} on ${url.host} (dropped at the end)`);
    return { url: url.toString(), describe: `server at ${url.host}` };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'langelis-bench-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const port = await freePort();
  log(`no DATABASE_URL: starting an embedded PostgreSQL in ${dir} on port ${port}`);
  const embedded = await startEmbeddedDatabase({ dataDir: path.join(dir, 'postgres'), port, database: 'langelis_bench' });
  cleanups.unshift(() => embedded.stop());
  return { url: embedded.url, describe: 'embedded' };
}

async function dropDatabase(url) {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(url.pathname.slice(1))} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export function printTable(header, rows) {
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => String(row[column]).length)));
  const line = (row) => row.map((cell, column) => (column === 1 ? String(cell).padStart(widths[column]) : String(cell).padEnd(widths[column]))).join('  ').trimEnd();
  process.stdout.write(`${line(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}\n${rows.map(line).join('\n')}\n`);
}

/** Runs a benchmark: cleans up after it, on failure and on Ctrl-C too; `after` prints what was measured either way. */
export async function runBench(main, after = () => {}) {
  process.once('SIGINT', () => {
    log('interrupted: cleaning up');
    cleanUp().finally(() => process.exit(130));
  });
  let exitCode = 0;
  try {
    exitCode = (await main()) ?? 0;
  } catch (error) {
    process.stderr.write(`\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    exitCode = 1;
  } finally {
    after();
    await cleanUp();
  }
  // A benchmark that measured a missed goal sets process.exitCode itself.
  process.exit(exitCode || (process.exitCode ?? 0));
}

/** Runs `work` on every item, `concurrency` at a time. */
export async function forEachConcurrently(items, concurrency, work) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
