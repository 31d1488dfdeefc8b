/**
 * Issue #17: a chat platform's rate limits are per account (a Slack workspace) and method, not per process. Every
 * instance reserves its calls on one shared schedule, so a hundred institutions' reminders leave on time without one
 * workspace's burst breaking its limit.
 */

/** One schedule: `perMinute` calls on average, at most `burst` of them back to back. */
export interface CallLane {
  key: string;
  perMinute: number;
  burst: number;
}

export interface CallPacer {
  /** Reserves the next call on `lane`; resolves with how many ms to wait before making it (0: at once). */
  reserve(lane: CallLane): Promise<number>;
  /** The platform said "not before `ms` from now" (a 429's Retry-After): every instance holds back the lane as long. */
  holdOff(lane: CallLane, ms: number): Promise<void>;
}
