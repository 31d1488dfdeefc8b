import { pino, type DestinationStream, type LogFn, type Logger as PinoLogger } from 'pino';
import { scrubText, serializeError } from './logged-error.js';

/** Structured log lines; never put a client's personal data in them (ids and registry numbers only). */
export type Logger = PinoLogger;

/** Every error anywhere at the top of a log object goes through the allow-list, whatever its key. */
function serializeErrorsIn(object: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | null = null;
  for (const [key, value] of Object.entries(object)) {
    if (value instanceof Error) (copy ??= { ...object })[key] = serializeError(value);
  }
  return copy ?? object;
}

/**
 * Without a message of its own, pino would take an error's raw message as the line's `msg`; give it the
 * scrubbed one instead.
 */
function scrubbedMessageFirst(this: PinoLogger, args: Parameters<LogFn>, method: LogFn): void {
  const [first, second] = args as unknown[];
  const error = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
  const message = (error as { message?: unknown } | null | undefined)?.message;
  if (typeof first === 'object' && first !== null && typeof second !== 'string' && typeof message === 'string') {
    const object = first instanceof Error ? { err: first } : first;
    return method.apply(this, [object, scrubText(message), ...(args as unknown[]).slice(1)] as Parameters<LogFn>);
  }
  return method.apply(this, args);
}

/**
 * The app's logger: `destination` defaults to stdout (tests pass a stream to read the lines). Errors are logged
 * through `serializeError`, so no query parameter, driver detail or quoted value reaches a line.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const errorSerializer = (value: unknown) => serializeError(value);
  const options = {
    level,
    base: { service: 'langelis' },
    serializers: { err: errorSerializer, error: errorSerializer, cause: errorSerializer },
    formatters: { log: serializeErrorsIn },
    hooks: { logMethod: scrubbedMessageFirst },
  };
  return destination ? pino(options, destination) : pino(options);
}
