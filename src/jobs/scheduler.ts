import { Agenda, backoffStrategies } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';
import type { DeadlineNotices } from '../domain/deadline-notices.js';
import type { Logger } from '../logger.js';
import { DEADLINE_NOTICE_JOB, deadlineNoticeHandler } from './deadline-notice.job.js';

export interface SchedulerOptions {
  databaseUrl: string;
  /** Identifies this instance in the jobs table. */
  instanceName: string;
  processEvery?: string | number;
}

/** agenda on the application's own PostgreSQL database (jobs table `agenda_jobs`), with every job defined. */
export function createScheduler(options: SchedulerOptions, notices: DeadlineNotices, logger: Logger): Agenda {
  const agenda = new Agenda({
    backend: new PostgresBackend({ connectionString: options.databaseUrl }),
    name: options.instanceName,
    processEvery: options.processEvery ?? '5 seconds',
    removeOnComplete: true,
    // Notices take milliseconds; a short lock lets another instance take over soon after a crash.
    defaultLockLifetime: 60_000,
  });
  agenda.on('error', (error: unknown) => logger.error({ err: error }, 'scheduler error'));
  agenda.define(DEADLINE_NOTICE_JOB, deadlineNoticeHandler(notices, logger), {
    // A failed run (database briefly away) is tried again; the handler is idempotent.
    backoff: backoffStrategies.exponential({ delay: 5_000, maxRetries: 10 }),
  });
  return agenda;
}
