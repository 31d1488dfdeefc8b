/**
 * What of an error may reach a log line. Errors carry the client's data in many places: TypeORM's
 * QueryFailedError copies the query's parameters and the driver's `detail` ("Key (email)=(…) already exists")
 * onto itself, PostgreSQL quotes the offending value in messages such as `invalid input syntax for type uuid: "…"`,
 * JSON.parse quotes the text it choked on, an SMTP server quotes the recipient. So a logged error keeps an allow-list of fields, and its message (also the
 * first line of its stack) is scrubbed; everything else is dropped.
 */

/** A log-safe picture of an error. */
export interface LoggedError {
  type: string;
  message: string;
  code?: string | number;
  stack?: string;
  /** Schema names PostgreSQL reports beside the message (constraint, table, column…): never data. */
  database?: Record<string, string>;
  /** Network facts of a failed connection (syscall, address, port): the server's, never the client's. */
  network?: Record<string, string | number>;
  cause?: LoggedError | string;
  errors?: (LoggedError | string)[];
}

const DATABASE_FIELDS = ['severity', 'schema', 'table', 'column', 'dataType', 'constraint', 'routine'] as const;
const NETWORK_FIELDS = ['errno', 'syscall', 'address', 'port'] as const;
const MAX_DEPTH = 5;
const EMAIL = /[^\s<>"'(),;:@[\]]+@[^\s<>"'(),;:@[\]]+\.[A-Za-z]{2,}/g;
const QUOTED = /"[^"\n]*"/g;
const SERIALIZED = Symbol('serialized');

/** `text` with e-mail addresses and double-quoted values masked (where messages put the input they quote). */
export function scrubText(text: string): string {
  return text.replace(EMAIL, '[email]').replace(QUOTED, '"[value]"');
}

function isDatabaseError(error: Record<string, unknown>): boolean {
  return 'driverError' in error || 'query' in error || typeof error.severity === 'string';
}

function pick<K extends string>(source: Record<string, unknown> | undefined, keys: readonly K[]): Record<string, string | number> | undefined {
  if (!source) return undefined;
  const picked: Record<string, string | number> = {};
  for (const key of keys) {
    const value = source[key];
    if (typeof value === 'string' || typeof value === 'number') picked[key] = value;
  }
  return Object.keys(picked).length > 0 ? picked : undefined;
}

/** The allow-listed picture of `value` (an Error or anything thrown); safe to serialize twice. */
export function serializeError(value: unknown, depth = 0): LoggedError | string {
  if (typeof value !== 'object' || value === null) return scrubText(String(value));
  if (SERIALIZED in value) return value as unknown as LoggedError;
  if (depth >= MAX_DEPTH) return '[cause chain cut]';
  const error = value as Record<string, unknown> & { driverError?: Record<string, unknown> };
  const fromDatabase = isDatabaseError(error);
  const type = value instanceof Error ? value.name || value.constructor.name : 'object';
  const message = scrubText(typeof error.message === 'string' ? error.message : '');
  const logged: LoggedError = { type, message };
  Object.defineProperty(logged, SERIALIZED, { value: true, enumerable: false });
  if (typeof error.code === 'string' || typeof error.code === 'number') logged.code = error.code;
  if (typeof error.stack === 'string') {
    // The first lines repeat the raw message; only the frames are kept after the scrubbed one.
    const frames = error.stack.split('\n').filter((line) => /^\s+at /.test(line));
    logged.stack = [`${type}: ${message}`, ...frames].join('\n');
  }
  if (fromDatabase) {
    const database = pick(error.driverError ?? error, DATABASE_FIELDS);
    if (database) logged.database = database as Record<string, string>;
  } else {
    const network = pick(error, NETWORK_FIELDS);
    if (network) logged.network = network;
  }
  if (error.cause !== undefined) logged.cause = serializeError(error.cause, depth + 1);
  if (Array.isArray(error.errors)) logged.errors = error.errors.slice(0, 10).map((inner: unknown) => serializeError(inner, depth + 1));
  return logged;
}
