import type { Logger } from './logger.js';

/** What went wrong outside any request, delivery or job; /healthz shows it. */
export const processFaults = {
  unhandledRejections: 0,
  lastUnhandledRejectionAt: null as string | null,
};

/**
 * A promise nobody awaited that rejects is a bug to fix, not a reason to stop taking inquiries: Node's default
 * (end the process) would drop the requests, deliveries and jobs under way. It is logged and counted instead.
 */
export function survivingUnhandledRejections(logger: Logger): void {
  process.on('unhandledRejection', (reason: unknown) => {
    processFaults.unhandledRejections += 1;
    processFaults.lastUnhandledRejectionAt = new Date().toISOString();
    logger.error({ err: reason, unhandledRejections: processFaults.unhandledRejections }, 'unhandled promise rejection; the service goes on (this is a bug: please report it)');
  });
}
