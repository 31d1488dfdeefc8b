import { startApp } from './app.js';
import { ConfigError, loadConfig, secretsOf } from './config.js';
import { createLogger } from './logger.js';
import { survivingUnhandledRejections } from './process-faults.js';
import { describeStartFailure } from './start-errors.js';

/** Work under way gets this long to finish after SIGTERM / Ctrl-C; then the process leaves anyway. */
const STOP_BUDGET_MS = 9_000;

/** `npm start`: parse the environment, start everything, drain on SIGTERM / SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, undefined, secretsOf(config));
  // Before the start: a rejection nobody handles while starting must not end the process either.
  survivingUnhandledRejections(logger);
  const app = await startApp(config, logger);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing requests, deliveries and jobs under way');
    const deadline = setTimeout(() => {
      logger.error({ budgetMs: STOP_BUDGET_MS }, 'stop took too long; leaving with work unfinished (it resumes at the next start)');
      process.exit(1);
    }, STOP_BUDGET_MS);
    deadline.unref();
    app.stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${describeStartFailure(error)}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
