import { Agenda, backoffStrategies } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';
import pg from 'pg';
import type { Logger } from '../../logger.js';
import type { JobEngine, RecurringJob } from '../job-engine.js';
import type { NoticeSweep } from '../notice-sweep.js';
import { ensureAgendaSchema } from './agenda-schema.js';
import { REFILL_EVERY, SweepInstants, WAKE_HORIZON_MS } from './sweep-instants.js';

export interface AgendaEngineOptions {
  /** The service's role (issue #17): the jobs table holds no institution's rows, but the service never bypasses. */
  databaseUrl: string;
  /** The owner's, only to create agenda's schema (tables, functions, triggers) before the first start. */
  schemaUrl: string;
  /** Identifies this instance in the jobs table. */
  instanceName: string;
  processEvery?: string | number;
  /**
   * How long a running job stays locked to this instance. agenda also keeps a liveness timer of half this
   * after each run, which holds the process open that long after a drain; tests shorten it.
   */
  lockLifetimeMs?: number;
  /** Sweeps asked of other instances when more is due than one batch (a burst), so they share it. */
  sweepHelpers?: number;
}

/** Wakes the deadline-notice sweep: one job per due instant, and the safety net that also retries what a crash left taken. */
export const NOTICE_SWEEP_JOB = 'notice-sweep';
const NOTICE_SWEEP_EVERY = '1 minute';
/** Sweeps asked of the other instances in a burst; its own name, so each instance locks at most one of them. */
const SWEEP_HELPER_JOB = 'notice-sweep-helper';
/** Asks for the instants that came inside the horizon since the last refill (`WAKE_HORIZON_MS`). */
const WAKE_REFILL_JOB = 'notice-wake-refill';

/**
 * The job engine on agenda, on the application's own PostgreSQL database (jobs table `agenda_jobs`). Measured by
 * `npm run bench:reminders` (bench/README.md): agenda's PostgreSQL backend locks one job per round trip and keeps a
 * linear in-memory queue, so one agenda job per notice fell behind a burst (42 notices/s at 5,000 due). Here agenda
 * only wakes the sweep at each due instant; the sweep takes the notices in batches from our own table.
 */
export async function createAgendaEngine(options: AgendaEngineOptions, sweep: NoticeSweep, recurring: readonly RecurringJob[], logger: Logger): Promise<JobEngine> {
  // Our own pool, because a pool without an error listener crashes the process when PostgreSQL restarts.
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 5 });
  // Once the engine drains, the database is about to stop: a connection ended then is expected, not a warning.
  let draining = false;
  const lost = (message: string) => (error: unknown) => (draining ? logger.debug({ err: error }, message) : logger.warn({ err: error }, message));
  pool.on('error', lost('scheduler database connection lost'));
  // Two: one holds the schema lock while agenda's backend creates the schema on the other.
  const owner = new pg.Pool({ connectionString: options.schemaUrl, max: 2 });
  owner.on('error', lost('scheduler schema connection lost'));
  await ensureAgendaSchema(owner).finally(() => owner.end());
  // The schema exists now, made under the lock. agenda would otherwise redo it on connect, and its CREATE OR REPLACE
  // FUNCTION / CREATE TRIGGER from two instances starting together fail one with "tuple concurrently updated".
  const backend = new PostgresBackend({ pool, ensureSchema: false });
  // The LISTEN connection reconnects by itself; without a listener its 'error' would be fatal.
  backend.notificationChannel?.on('error', lost('scheduler notifications interrupted'));
  const agenda = new Agenda({
    backend,
    name: options.instanceName,
    processEvery: options.processEvery ?? '5 seconds',
    removeOnComplete: true,
    // Jobs take milliseconds to seconds; a short lock lets another instance take over soon after a crash.
    defaultLockLifetime: options.lockLifetimeMs ?? 60_000,
  });
  agenda.on('error', (error: unknown) => logger.error({ err: error }, 'scheduler error'));

  const instants = new SweepInstants(async (at) => {
    const key = at.toISOString();
    await agenda.create(NOTICE_SWEEP_JOB, { at: key }).unique({ 'data.at': key }).schedule(at).save();
  });
  const wakeAt = (at: Date) => instants.ask(at);
  // A burst: each instance locks one helper job at most, so the others are left to the other instances.
  const burst = async () => {
    const key = new Date().toISOString();
    for (let helper = 1; helper <= (options.sweepHelpers ?? 2); helper += 1) {
      await agenda.create(SWEEP_HELPER_JOB, { at: key, helper }).unique({ 'data.at': key, 'data.helper': helper }).schedule(new Date()).save();
    }
  };
  // A failed sweep (database briefly away) is tried again; what it took comes back when its lease is over.
  const retried = { backoff: backoffStrategies.exponential({ delay: 5_000, maxRetries: 10 }) };
  // The instants a few seconds ahead are locked in advance and each run on its own timer, one at a time.
  agenda.define(NOTICE_SWEEP_JOB, () => sweep.run(wakeAt, burst), { ...retried, concurrency: 1, lockLimit: 50 });
  agenda.define(SWEEP_HELPER_JOB, () => sweep.run(wakeAt), { ...retried, concurrency: 1, lockLimit: 1 });
  // Every instant is asked at least once while inside the horizon: the refill runs three times before it is reached.
  agenda.define(WAKE_REFILL_JOB, () => sweep.wakeAhead(WAKE_HORIZON_MS, wakeAt), { concurrency: 1 });
  for (const job of recurring) agenda.define(job.name, job.run, { concurrency: 1 });

  return {
    async start() {
      await agenda.start();
      await agenda.every(NOTICE_SWEEP_EVERY, NOTICE_SWEEP_JOB);
      await agenda.every(REFILL_EVERY, WAKE_REFILL_JOB);
      for (const job of recurring) await agenda.every(job.every, job.name);
    },
    async now(name) {
      await agenda.now(name);
    },
    sweepAt: wakeAt,
    async drain(timeoutMs) {
      draining = true;
      sweep.stop();
      await agenda.drain(timeoutMs);
      await pool.end();
    },
  };
}
