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

/** A URL's password (`imap://user:password@host`), wherever a library quotes the URL it was given. */
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s:/@"'<>]*:)[^\s@/"'<>]+@/gi;

/**
 * Least privilege (issue #15): whatever a line holds — an error a library wrote its settings into, a server's
 * echo of the password it refused — no configured secret (`secretsOf`) and no URL's password leaves the process.
 * Each secret is also caught as a URL and as a JSON string would write it.
 */
export function secretRedactor(secrets: readonly string[]): (line: string) => string {
  const forms = [...new Set(secrets.filter((secret) => secret.length >= 6).flatMap((secret) => [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]))]
    .sort((a, b) => b.length - a.length);
  return (line) => {
    let clean = line.replace(URL_PASSWORD, '$1[secret]@');
    for (const form of forms) if (clean.includes(form)) clean = clean.split(form).join('[secret]');
    return clean;
  };
}

/**
 * The app's logger: `destination` defaults to stdout (tests pass a stream to read the lines). Errors are logged
 * through `serializeError`, so no query parameter, driver detail or quoted value reaches a line; every line is
 * then cleared of `secrets` (tokens, passwords, keys: `secretsOf` in config.ts) and of URL passwords.
 */
export function createLogger(level: string, destination?: DestinationStream, secrets: readonly string[] = []): Logger {
  const errorSerializer = (value: unknown) => serializeError(value);
  const options = {
    level,
    base: { service: 'langelis' },
    serializers: { err: errorSerializer, error: errorSerializer, cause: errorSerializer },
    formatters: { log: serializeErrorsIn },
    hooks: { logMethod: scrubbedMessageFirst },
  };
  const target = destination ?? pino.destination({ dest: 1, sync: true });
  const redact = secretRedactor(secrets);
  return pino(options, { write: (line: string) => target.write(redact(line)) });
}
