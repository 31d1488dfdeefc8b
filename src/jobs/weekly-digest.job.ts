import type { WorkingCalendar } from '../domain/calendar/working-calendar.js';
import type { Clock } from '../domain/clock.js';
import type { Notifier } from '../domain/notifier.js';
import type { QualityMonitor } from '../domain/quality/report.js';
import { getsWeeklyDigest, type DigestLedger } from '../domain/report-access.js';
import type { StaffMember } from '../domain/staff.js';
import type { Logger } from '../logger.js';
import { tellEachPlatformOnce } from './tell-each-platform-once.js';

/**
 * R60.internal: last week's report by direct message to every manager and the head, once per platform, at the opening
 * of the week's first working day (a Monday holiday moves it to Tuesday's opening). Checked every few minutes and sent
 * within the hour after opening — a service that was down all that hour skips the week rather than send last week's
 * figures in the middle of the next — and not at all for a week when the institution received nothing and had
 * nothing open.
 */
export const WEEKLY_DIGEST_JOB = 'weekly-digest';
export const WEEKLY_DIGEST_EVERY = '5 minutes';
const WINDOW_MS = 60 * 60_000;

export interface WeeklyDigestParts {
  /** The institution's weeks (late-bound: the monitor is built with the services, after the scheduler). */
  readonly quality: () => Pick<QualityMonitor, 'periodOf' | 'report'>;
  readonly calendar: Pick<WorkingCalendar, 'nextOpening'>;
  /** Active staff; those who manage get the digest. */
  readonly staff: () => Promise<readonly StaffMember[]>;
  readonly ledger: DigestLedger;
  readonly notifiers: () => readonly Notifier[];
  readonly clock: Clock;
  readonly logger: Logger;
}

export function weeklyDigestHandler({ quality, calendar, staff, ledger, notifiers, clock, logger }: WeeklyDigestParts) {
  return async (): Promise<void> => {
    const now = clock.now();
    const monitor = quality();
    const thisWeek = monitor.periodOf('week', now, 'current');
    const firstOpening = calendar.nextOpening(thisWeek.from);
    // Outside the hour after the week's first opening (or a week without a working day): nothing to do.
    if (now < firstOpening || now.getTime() >= firstOpening.getTime() + WINDOW_MS || firstOpening >= thisWeek.to) return;
    const lastWeek = monitor.periodOf('week', now, 'last');
    const { current } = (await monitor.report(lastWeek, { kind: 'institution' })).total;
    if (current.received === 0 && current.open === 0) return;
    const week = lastWeek.from.toISOString();
    const recipients = (await staff()).filter(getsWeeklyDigest);
    await tellEachPlatformOnce(
      {
        untold: async (platform, limit) => {
          const told = new Set(await ledger.told(platform, week));
          return recipients.filter((person) => !told.has(person.id)).slice(0, limit);
        },
        happening: (person) => ({ type: 'weekly_digest', staffId: person.id, week: lastWeek }),
        told: (platform, person) => ledger.markTold(platform, week, person.id),
      },
      notifiers,
      logger,
      'sending a weekly digest failed; asked again next run',
    )();
  };
}
