import type { Notifier, ServiceHappening } from '../domain/notifier.js';
import type { Logger } from '../logger.js';

/** A burst (a flood of bad e-mails, a holiday season marked at once) is told over several runs, never as one burst of DMs. */
const PER_RUN = 20;

/** Things to tell each chat platform once: what is still untold there, how to say it, and the mark that it was told. */
export interface TellOnce<T> {
  untold(platform: string, limit: number): Promise<T[]>;
  happening(item: T): ServiceHappening;
  told(platform: string, item: T): Promise<void>;
}

/**
 * One run of a job that tells staff of service happenings. Idempotent: each item is marked told per platform after
 * that platform took it, so a run that dies half-way, or two instances running it, tell nobody twice on a platform
 * that answered; a platform that is down is asked again next run without holding up the others.
 */
export function tellEachPlatformOnce<T>(source: TellOnce<T>, notifiers: () => readonly Notifier[], logger: Logger, failure: string) {
  return async (): Promise<void> => {
    for (const notifier of notifiers()) {
      try {
        for (const item of await source.untold(notifier.name, PER_RUN)) {
          await notifier.happen(source.happening(item));
          await source.told(notifier.name, item);
        }
      } catch (error) {
        logger.warn({ err: error, platform: notifier.name }, failure);
      }
    }
  };
}
