import type { MailIntakeFailures } from '../domain/mailbox.js';
import type { Notifier } from '../domain/notifier.js';
import type { Logger } from '../logger.js';
import { tellEachPlatformOnce } from './tell-each-platform-once.js';

/** R12.records: every minute, tells the admins of e-mails the intake could not register. */
export const MAIL_INTAKE_ALERTS_JOB = 'mail-intake-alerts';
export const MAIL_INTAKE_ALERTS_EVERY = '1 minute';

export interface MailIntakeAlertParts {
  readonly failures: MailIntakeFailures;
  /** The chat platforms switched on (late-bound: they are built after the scheduler). */
  readonly notifiers: () => readonly Notifier[];
  readonly logger: Logger;
}

/** Each unregistered e-mail, once per platform (no personal data: the mailbox, the UID, a reason code). */
export function mailIntakeAlertsHandler({ failures, notifiers, logger }: MailIntakeAlertParts) {
  return tellEachPlatformOnce(
    {
      untold: (platform, limit) => failures.untold(platform, limit),
      happening: ({ mailbox, uid, reason, firstSeenAt }) => ({ type: 'mail_unregistered', mailbox, uid, reason, firstSeenAt }),
      told: (platform, failure) => failures.told(platform, failure),
    },
    notifiers,
    logger,
    'telling the admins of an unregistered e-mail failed; asked again next run',
  );
}
