import { DateTime } from 'luxon';
import type { Clock } from '../domain/clock.js';
import type { Notifier } from '../domain/notifier.js';
import type { RetentionLedger } from '../domain/retention.js';
import type { RetentionService } from '../domain/retention.service.js';
import { hasRole, type StaffMember } from '../domain/staff.js';
import type { SubjectAccess } from '../domain/subject-access.service.js';
import type { Logger } from '../logger.js';
import { tellEachPlatformOnce } from './tell-each-platform-once.js';

/**
 * Issue #15 (retention): checked every few minutes. In the night's window it anonymises every closed inquiry past its
 * period (idempotent: one already anonymised, on legal hold or reopened is skipped, so two instances or a rerun change
 * nothing more); from the notice hour of the evening before, each admin is told once per platform how many the night
 * will take, with a signed link to the list. Every run also removes subject-access requests whose links have expired.
 */
export const RETENTION_JOB = 'retention';
export const RETENTION_EVERY = '10 minutes';

export interface RetentionJobParts {
  /** Late-bound: the service is built with the others, after the scheduler. */
  readonly retention: () => Pick<RetentionService, 'anonymiseDue' | 'inRunWindow' | 'nextNight' | 'dueOn'>;
  /** Subject-access requests hold a person's contact only while their link can open. */
  readonly subjectAccess: () => Pick<SubjectAccess, 'forgetExpired'>;
  /** Active staff; the admins are told. */
  readonly staff: () => Promise<readonly StaffMember[]>;
  readonly ledger: RetentionLedger;
  readonly notifiers: () => readonly Notifier[];
  /** The signed link to a night's list for one admin. */
  readonly listUrl: (night: string, staffId: string) => string;
  readonly noticeHour: number;
  readonly zone: string;
  readonly clock: Clock;
  readonly logger: Logger;
}

export function retentionHandler(parts: RetentionJobParts) {
  return async (): Promise<void> => {
    const retention = parts.retention();
    const now = parts.clock.now();
    if (retention.inRunWindow(now)) {
      const run = await retention.anonymiseDue(null);
      // Registry numbers only: never a name.
      if (run.anonymised.length > 0) parts.logger.info({ anonymised: run.anonymised.length, registryNumbers: run.anonymised }, 'anonymised closed inquiries past their retention period');
    }
    const forgotten = await parts.subjectAccess().forgetExpired();
    if (forgotten > 0) parts.logger.info({ forgotten }, 'removed subject-access requests whose links have expired');
    await tellTheNightBefore(parts, now);
  };
}

/** From the notice hour before the coming night's run: "N inquiries will be anonymised tonight", once per admin and platform. */
async function tellTheNightBefore(parts: RetentionJobParts, now: Date): Promise<void> {
  const retention = parts.retention();
  const { night, runsAt } = retention.nextNight(now);
  const run = DateTime.fromJSDate(runsAt, { zone: parts.zone });
  let noticeAt = run.set({ hour: parts.noticeHour, minute: 0, second: 0, millisecond: 0 });
  if (noticeAt >= run) noticeAt = noticeAt.minus({ days: 1 });
  if (now < noticeAt.toJSDate()) return;
  const count = (await retention.dueOn(night)).length;
  if (count === 0) return;
  const admins = (await parts.staff()).filter((person) => person.active && hasRole(person, 'admin'));
  await tellEachPlatformOnce(
    {
      untold: async (platform, limit) => {
        const told = new Set(await parts.ledger.told(platform, night));
        return admins.filter((admin) => !told.has(admin.id)).slice(0, limit);
      },
      happening: (admin) => ({ type: 'retention_due', staffId: admin.id, night, count, url: parts.listUrl(night, admin.id) }),
      told: (platform, admin) => parts.ledger.markTold(platform, night, admin.id),
    },
    parts.notifiers,
    parts.logger,
    'telling the admins of the coming anonymisation failed; asked again next run',
  )();
}
