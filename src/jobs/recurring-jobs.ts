import { inInstitution, type InstitutionId } from '../domain/institution.js';
import type { Logger } from '../logger.js';
import type { RecurringJob } from './job-engine.js';
import { MAIL_INTAKE_ALERTS_EVERY, MAIL_INTAKE_ALERTS_JOB, mailIntakeAlertsHandler, type MailIntakeAlertParts } from './mail-intake-alerts.job.js';
import { RETENTION_EVERY, RETENTION_JOB, retentionHandler, type RetentionJobParts } from './retention.job.js';
import { STAFF_AWAY_ALERTS_EVERY, STAFF_AWAY_ALERTS_JOB, staffAwayAlertsHandler, type StaffAwayAlertParts } from './staff-away-alerts.job.js';
import { WEEKLY_DIGEST_EVERY, WEEKLY_DIGEST_JOB, weeklyDigestHandler, type WeeklyDigestParts } from './weekly-digest.job.js';

type Parts<T> = Omit<T, 'logger'>;

/**
 * The jobs that run on their own clock, whichever engine runs them. Each run does its work once for every
 * institution, as that institution's work (issue #17); one institution's failure does not keep the others from theirs.
 */
export function recurringJobs(
  parts: {
    /** R12.records: e-mails the intake could not register, told to the admins. */
    alerts: Parts<MailIntakeAlertParts>;
    /** R4.owner: managers told of absences. */
    away: Parts<StaffAwayAlertParts>;
    /** R60.internal: the weekly digest to managers and the head. */
    digest: Parts<WeeklyDigestParts>;
    /** Issue #15: the nightly anonymisation and the admins' notice the evening before. */
    retention: Parts<RetentionJobParts>;
  },
  logger: Logger,
  institutions: () => Promise<readonly InstitutionId[]>,
): RecurringJob[] {
  const jobs = [
    { name: MAIL_INTAKE_ALERTS_JOB, every: MAIL_INTAKE_ALERTS_EVERY, run: mailIntakeAlertsHandler({ ...parts.alerts, logger }) },
    { name: STAFF_AWAY_ALERTS_JOB, every: STAFF_AWAY_ALERTS_EVERY, run: staffAwayAlertsHandler({ ...parts.away, logger }) },
    { name: WEEKLY_DIGEST_JOB, every: WEEKLY_DIGEST_EVERY, run: weeklyDigestHandler({ ...parts.digest, logger }) },
    { name: RETENTION_JOB, every: RETENTION_EVERY, run: retentionHandler({ ...parts.retention, logger }) },
  ];
  return jobs.map((job) => ({ ...job, run: () => inEachInstitution(job, institutions, logger) }));
}

async function inEachInstitution(job: RecurringJob, institutions: () => Promise<readonly InstitutionId[]>, logger: Logger): Promise<void> {
  const failures: unknown[] = [];
  for (const institution of await institutions()) {
    await inInstitution(institution, job.run).catch((error: unknown) => {
      logger.error({ err: error, job: job.name, institution }, 'a recurring job failed for one institution');
      failures.push(error);
    });
  }
  if (failures.length > 0) throw failures[0];
}
