import { DomainError } from '../domain/errors.js';

// SQLSTATE classes that say the database (or this moment) is the problem, not the data: connection exception,
// transaction rollback (serialization, deadlock), insufficient resources, operator intervention, system error.
const TRANSIENT_SQLSTATE_CLASSES = new Set(['08', '40', '53', '57', '58']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
// node-postgres reports a lost or refused connection with these words and no code.
const CONNECTION_WORDS = /connection terminated|timeout exceeded when trying to connect|connection error|not queryable|connection is closed/i;

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown; driverError?: { code?: unknown } } | null)?.driverError?.code ?? (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** PostgreSQL's own errors carry a severity beside their five-character SQLSTATE; Node's (EPIPE) do not. */
function sqlState(error: unknown): string | undefined {
  const code = codeOf(error);
  const source = (error as { driverError?: unknown }).driverError ?? error;
  return code && code.length === 5 && typeof (source as { severity?: unknown }).severity === 'string' ? code : undefined;
}

/**
 * True when `error` says the infrastructure failed (database or network), so the same message may well
 * succeed later: the poller then retries it instead of giving up on it. Everything else is the message's problem.
 */
export function isInfrastructureFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth += 1) {
    const code = codeOf(current);
    const state = sqlState(current);
    if (state && TRANSIENT_SQLSTATE_CLASSES.has(state.slice(0, 2))) return true;
    if (code && NETWORK_CODES.has(code)) return true;
    if (current instanceof Error && (current.name === 'DatabaseUnreachableError' || CONNECTION_WORDS.test(current.message))) return true;
  }
  return false;
}

/** Why a message was given up on, as a code an admin can look up; never an error's text, which may quote it. */
export function failureReason(error: unknown): string {
  if (error instanceof DomainError) return error.code;
  const state = error ? sqlState(error) : undefined;
  if (state) return `db:${state}`;
  const code = codeOf(error);
  const name = error instanceof Error ? error.name : typeof error;
  return code ? `${name}:${code}` : name;
}
