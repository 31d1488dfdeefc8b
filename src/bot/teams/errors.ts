/**
 * The one place Bot Connector (botbuilder SDK) errors are translated. botbuilder's connector client already
 * retries 429 (honouring Retry-After) and 5xx a few times; what still fails is thrown on to the outbox, which
 * retries with backoff.
 */
export function statusOf(error: unknown): number | null {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : null;
}

/** The person cannot be reached on Teams at all (left the tenant, removed the app): retrying will not help. */
export function isUnreachablePerson(error: unknown): boolean {
  const status = statusOf(error);
  return status === 403 || status === 404;
}

/** An edit refused because the activity is not there any more (deleted in Teams): 404. */
export function isGoneActivity(error: unknown): boolean {
  return statusOf(error) === 404;
}

/** A failed Bot Connector call with only what is safe to log: the status and the service's error code. */
export class TeamsConnectorError extends Error {
  constructor(
    readonly statusCode: number | null,
    readonly code: string | null,
  ) {
    super(`Bot Connector request failed${statusCode ? ` with HTTP ${statusCode}` : ''}${code ? ` (${code})` : ''}`);
    this.name = 'TeamsConnectorError';
  }
}

/**
 * The SDK's RestError carries the whole request and response, cards included (client names, subjects): it must
 * never reach a log line. Anything that looks like one becomes a TeamsConnectorError; other errors pass through.
 */
export function translateConnectorError(error: unknown): unknown {
  if (!error || typeof error !== 'object' || !('request' in error || 'response' in error)) return error;
  const code = (error as { code?: unknown }).code;
  return new TeamsConnectorError(statusOf(error), typeof code === 'string' ? code : null);
}

/** Runs one connector call; a failure comes out translated. */
export async function connectorCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw translateConnectorError(error);
  }
}
