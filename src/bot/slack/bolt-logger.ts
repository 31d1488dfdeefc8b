import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../logger.js';

/** Bolt and the Web API client log through our pino logger, so their lines share its format and level. */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'slack' });
  const text = (parts: unknown[]) => parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
  return {
    // Bolt's and the Web API's debug lines include request bodies, i.e. clients' messages: never logged.
    debug: () => undefined,
    info: (...parts: unknown[]) => log.info(text(parts)),
    warn: (...parts: unknown[]) => log.warn(text(parts)),
    error: (...parts: unknown[]) => log.error(text(parts)),
    // pino's level decides the rest; Bolt's own level switch is not needed.
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}
