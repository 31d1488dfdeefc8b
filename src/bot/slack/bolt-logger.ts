import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../logger.js';

/** Bolt and the Web API client log through our pino logger, so their lines share its format and level. */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'slack' });
  // Errors go through the logger's error serializer (no request payloads, no query parameters); other objects
  // are left out, since Bolt may hand over a request body, i.e. a client's words.
  const line = (parts: unknown[]) => {
    const error = parts.find((part) => part instanceof Error);
    const text = parts.filter((part) => typeof part === 'string').join(' ');
    return [error ? { err: error } : {}, text] as const;
  };
  return {
    // Bolt's and the Web API's debug lines include request bodies, i.e. clients' messages: never logged.
    debug: () => undefined,
    info: (...parts: unknown[]) => log.info(...line(parts)),
    warn: (...parts: unknown[]) => log.warn(...line(parts)),
    error: (...parts: unknown[]) => log.error(...line(parts)),
    // pino's level decides the rest; Bolt's own level switch is not needed.
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}
