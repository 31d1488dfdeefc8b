import type { MailIntakeFailures } from '../domain/mailbox.js';
import type { Notifier } from '../domain/notifier.js';
import type { Logger } from '../logger.js';

/** R12.records: every minute, tells the admins of e-mails the intake could not register. */
export const MAIL_INTAKE_ALERTS_JOB = 'mail-intake-alerts';
export const MAIL_INTAKE_ALERTS_EVERY = '1 minute';

/** A flood of bad e-mails is told over several runs, never as one burst of DMs. */
const PER_RUN = 20;

export interface MailIntakeAlertParts {
  readonly failures: MailIntakeFailures;
  /** The chat platforms switched on (late-bound: they are built after the scheduler). */
  readonly notifiers: () => readonly Notifier[];
  readonly logger: Logger;
}

/**
 * Idempotent: each failure is marked told per platform after that platform took it, so a run that dies half-way,
 * or two instances running it, tell nobody twice on a platform that answered; a platform that is down is asked
 * again next run without holding up the others.
 */
export function mailIntakeAlertsHandler({ failures, notifiers, logger }: MailIntakeAlertParts) {
  return async (): Promise<void> => {
    for (const notifier of notifiers()) {
      try {
        for (const failure of await failures.untold(notifier.name, PER_RUN)) {
          const { mailbox, uid, reason, firstSeenAt } = failure;
          await notifier.happen({ type: 'mail_unregistered', mailbox, uid, reason, firstSeenAt });
          await failures.told(notifier.name, failure);
        }
      } catch (error) {
        logger.warn({ err: error, platform: notifier.name }, 'telling the admins of an unregistered e-mail failed; asked again next run');
      }
    }
  };
}
