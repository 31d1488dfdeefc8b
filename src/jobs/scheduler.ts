import { Agenda, backoffStrategies } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';
import pg from 'pg';
import type { DeadlineNotices } from '../domain/deadline-notices.js';
import type { Logger } from '../logger.js';
import { DEADLINE_NOTICE_JOB, deadlineNoticeHandler } from './deadline-notice.job.js';
import { STAFF_AWAY_ALERTS_EVERY, STAFF_AWAY_ALERTS_JOB, staffAwayAlertsHandler, type StaffAwayAlertParts } from './staff-away-alerts.job.js';
import { WEEKLY_DIGEST_EVERY, WEEKLY_DIGEST_JOB, weeklyDigestHandler, type WeeklyDigestParts } from './weekly-digest.job.js';
import { MAIL_INTAKE_ALERTS_EVERY, MAIL_INTAKE_ALERTS_JOB, mailIntakeAlertsHandler, type MailIntakeAlertParts } from './mail-intake-alerts.job.js';
import { RETENTION_EVERY, RETENTION_JOB, retentionHandler, type RetentionJobParts } from './retention.job.js';

export interface SchedulerOptions {
  databaseUrl: string;
  /** Identifies this instance in the jobs table. */
  instanceName: string;
  processEvery?: string | number;
  /**
   * How long a running job stays locked to this instance. agenda also keeps a liveness timer of half this
   * after each run, which holds the process open that long after a drain; tests shorten it.
   */
  lockLifetimeMs?: number;
}

export interface Scheduler {
  agenda: Agenda;
  /** Starts processing due jobs (the schema exists once `createScheduler` has resolved). */
  start(): Promise<void>;
  /** Waits for running jobs (up to `timeoutMs`), then closes the scheduler's connections. */
  drain(timeoutMs: number): Promise<void>;
}

/** An arbitrary constant (not the migrations' key): instances starting together take turns creating agenda's schema. */
const SCHEMA_LOCK_KEY = 7_410_227;

/** agenda on the application's own PostgreSQL database (jobs table `agenda_jobs`), with every job defined. */
export async function createScheduler(
  options: SchedulerOptions,
  notices: DeadlineNotices,
  alerts: Omit<MailIntakeAlertParts, 'logger'>,
  logger: Logger,
  /** R4.owner: managers told of absences; without it the job is not defined. */
  away?: Omit<StaffAwayAlertParts, 'logger'>,
  /** R60.internal: the weekly digest to managers and the head; without it the job is not defined. */
  digest?: Omit<WeeklyDigestParts, 'logger'>,
  /** Issue #15: the nightly anonymisation and the admins' notice the evening before; without it the job is not defined. */
  retention?: Omit<RetentionJobParts, 'logger'>,
): Promise<Scheduler> {
  // Our own pool, because a pool without an error listener crashes the process when PostgreSQL restarts.
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 5 });
  // Once the scheduler drains, the database is about to stop: a connection ended then is expected, not a warning.
  let draining = false;
  const lost = (message: string) => (error: unknown) => (draining ? logger.debug({ err: error }, message) : logger.warn({ err: error }, message));
  pool.on('error', lost('scheduler database connection lost'));
  await ensureSchema(pool);
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
    // Notices take milliseconds; a short lock lets another instance take over soon after a crash.
    defaultLockLifetime: options.lockLifetimeMs ?? 60_000,
  });
  agenda.on('error', (error: unknown) => logger.error({ err: error }, 'scheduler error'));
  agenda.define(DEADLINE_NOTICE_JOB, deadlineNoticeHandler(notices, logger), {
    // A failed run (database briefly away) is tried again; the handler is idempotent.
    backoff: backoffStrategies.exponential({ delay: 5_000, maxRetries: 10 }),
    // Without a limit agenda locks every due job (one query each) before running any: a burst of
    // thousands of reminders due in one minute would all be late. Measured by `npm run bench:core`.
    lockLimit: 200,
    concurrency: 20,
  });
  // One run at a time across instances (agenda's lock); a recurring job, stored once however many instances start.
  agenda.define(MAIL_INTAKE_ALERTS_JOB, mailIntakeAlertsHandler({ ...alerts, logger }), { concurrency: 1 });
  if (away) agenda.define(STAFF_AWAY_ALERTS_JOB, staffAwayAlertsHandler({ ...away, logger }), { concurrency: 1 });
  if (digest) agenda.define(WEEKLY_DIGEST_JOB, weeklyDigestHandler({ ...digest, logger }), { concurrency: 1 });
  if (retention) agenda.define(RETENTION_JOB, retentionHandler({ ...retention, logger }), { concurrency: 1 });
  return {
    agenda,
    async start() {
      await agenda.start();
      await agenda.every(MAIL_INTAKE_ALERTS_EVERY, MAIL_INTAKE_ALERTS_JOB);
      if (away) await agenda.every(STAFF_AWAY_ALERTS_EVERY, STAFF_AWAY_ALERTS_JOB);
      if (digest) await agenda.every(WEEKLY_DIGEST_EVERY, WEEKLY_DIGEST_JOB);
      if (retention) await agenda.every(RETENTION_EVERY, RETENTION_JOB);
    },
    async drain(timeoutMs) {
      draining = true;
      await agenda.drain(timeoutMs);
      await pool.end();
    },
  };
}

/**
 * Creates agenda's tables, functions and indexes, and ours on its jobs table. agenda creates its schema without a
 * lock as soon as an `Agenda` is constructed, so two instances starting together on a new database collide
 * (duplicate pg_type / pg_proc entries) and one of them dies of an unhandled rejection; here they take turns.
 */
async function ensureSchema(pool: pg.Pool): Promise<void> {
  const turn = await pool.connect();
  try {
    await turn.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK_KEY]);
    await new PostgresBackend({ pool, disableNotifications: true }).connect();
    // agenda does not index the payload; the deadline scheduler finds and cancels jobs by inquiry.
    await turn.query('CREATE INDEX IF NOT EXISTS agenda_jobs_data_idx ON agenda_jobs USING gin (data jsonb_path_ops)');
    await turn.query("CREATE INDEX IF NOT EXISTS agenda_jobs_inquiry_idx ON agenda_jobs ((data->>'inquiryId'))");
  } finally {
    await turn.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK_KEY]).catch(() => undefined);
    turn.release();
  }
}
