import type { AbsenceNews } from '../domain/absence.js';
import type { Clock } from '../domain/clock.js';
import type { Notifier } from '../domain/notifier.js';
import type { Logger } from '../logger.js';
import { tellEachPlatformOnce } from './tell-each-platform-once.js';

/** R4.owner, away with cover: every minute, tells managers who was marked away (or back) and who covers. */
export const STAFF_AWAY_ALERTS_JOB = 'staff-away-alerts';
export const STAFF_AWAY_ALERTS_EVERY = '1 minute';

export interface StaffAwayAlertParts {
  readonly news: AbsenceNews;
  /** The chat platforms switched on (late-bound: they are built after the scheduler). */
  readonly notifiers: () => readonly Notifier[];
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Each absence set or ended, once per platform, to the person's manager (the policy decides who). */
export function staffAwayAlertsHandler({ news, notifiers, clock, logger }: StaffAwayAlertParts) {
  return tellEachPlatformOnce(
    {
      untold: (platform, limit) => news.untold(platform, limit, clock.now()),
      happening: ({ change, absence }) => ({
        type: 'staff_away',
        change,
        absenceId: absence.id,
        staffId: absence.staffId,
        substituteId: absence.substituteId,
        from: absence.from,
        to: absence.to,
        byId: change === 'back' ? (absence.endedById ?? absence.setById) : absence.setById,
      }),
      told: (platform, item) => news.told(platform, item),
    },
    notifiers,
    logger,
    'telling a manager of an absence failed; asked again next run',
  );
}
