/** The external database (DATABASE_URL) cannot be used; the message names the cause and the fix in one sentence. */
export class DatabaseUnreachableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnreachableError';
  }
}

/**
 * Words for a failure to open DATABASE_URL. Only host, port and database name are repeated (never the
 * password); the driver's codes decide the advice.
 */
export function describeConnectionFailure(url: string, error: unknown): DatabaseUnreachableError {
  const parsed = new URL(url);
  const where = `${parsed.hostname}:${parsed.port || '5432'}`;
  const database = decodeURIComponent(parsed.pathname.slice(1)) || '(default)';
  const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
  const advice: Record<string, string> = {
    ECONNREFUSED: `nothing accepts connections at ${where}: start PostgreSQL there, correct DATABASE_URL, or unset it to use the embedded database`,
    ENOTFOUND: `the host ${parsed.hostname} is unknown: correct the host in DATABASE_URL`,
    EAI_AGAIN: `the host ${parsed.hostname} could not be looked up: check the network or the host in DATABASE_URL`,
    ETIMEDOUT: `${where} did not answer in time: check that PostgreSQL runs there and a firewall lets this machine in`,
    '28P01': `PostgreSQL at ${where} refused the user name or password: correct them in DATABASE_URL`,
    '28000': `PostgreSQL at ${where} does not let this user in from here: allow it in pg_hba.conf or use another user`,
    '3D000': `the database "${database}" does not exist at ${where}: create it (createdb ${database}) or correct DATABASE_URL`,
    '42501': `the user in DATABASE_URL lacks the rights Langelis needs in "${database}": make it the database's owner`,
  };
  const timedOut = /timeout|timed out/i.test((error as Error)?.message ?? '');
  const reason =
    (code && advice[code]) ??
    (timedOut
      ? advice.ETIMEDOUT
      : `the connection to ${where} failed (${code ?? (error as Error)?.message ?? 'no details'}): check DATABASE_URL and that PostgreSQL runs there`);
  return new DatabaseUnreachableError(`Cannot use the database in DATABASE_URL: ${reason}.`, { cause: error });
}
