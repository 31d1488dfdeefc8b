/** What /healthz shows about one chat platform. */
export interface PlatformHealth {
  /** `starting`: not yet known to work; `up`: its last call got an answer; `down`: see `reason`. */
  state: 'starting' | 'up' | 'down';
  /** Why it is down: `timeout`, `unreachable`, `HTTP 503`, or the platform's own code such as `invalid_auth`. */
  reason: string | null;
  /** When the state last changed. */
  since: string;
  lastSuccessAt: string | null;
  /** Failures in a row since the last success. */
  failures: number;
}

/**
 * Reasons a later answer from the platform cures. Anything else (a refused token) stays until the platform
 * itself says otherwise, so one answered call does not hide a credential problem.
 */
const TRANSPORT_REASONS = /^(timeout|unreachable|HTTP 5\d\d)$/;

/** The state of one platform, fed by its outbound calls and its start-up check. */
export class PlatformStatus {
  private current: PlatformHealth;
  /** Whether the platform has accepted us once; until then an answered call only brings it back to `starting`. */
  private accepted: boolean;

  /** `up` for a platform with nothing to check at start (Teams: credentials are checked on each call). */
  constructor(initial: 'starting' | 'up' = 'starting') {
    this.accepted = initial === 'up';
    this.current = { state: initial, reason: null, since: new Date().toISOString(), lastSuccessAt: null, failures: 0 };
  }

  /** The platform accepted us (the token check passed): up, whatever the reason it was down for. */
  verified(): void {
    this.accepted = true;
    this.set('up', null);
    this.current.failures = 0;
    this.current.lastSuccessAt = new Date().toISOString();
  }

  /** A call was answered: clears a transport failure, not a refused credential. */
  answered(): void {
    this.current.lastSuccessAt = new Date().toISOString();
    if (this.current.state === 'down' && !TRANSPORT_REASONS.test(this.current.reason ?? '')) return;
    this.current.failures = 0;
    if (this.current.state === 'down') this.set(this.accepted ? 'up' : 'starting', null);
  }

  /** A call failed; a platform still `starting` goes `down` too, so a hang at start is visible. */
  failed(reason: string): void {
    this.current.failures += 1;
    this.set('down', reason);
  }

  snapshot(): PlatformHealth {
    return { ...this.current };
  }

  private set(state: PlatformHealth['state'], reason: string | null): void {
    if (this.current.state !== state || this.current.reason !== reason) this.current.since = new Date().toISOString();
    this.current.state = state;
    this.current.reason = reason;
  }
}

/** A transport failure in words /healthz can show: no URL, no payload. */
export function transportReason(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'unreachable';
}
