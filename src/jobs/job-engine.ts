/** A job run every `every` (`'1 minute'`), one run at a time across instances, stored once however many start. */
export interface RecurringJob {
  name: string;
  every: string;
  run: () => Promise<void>;
}

/**
 * What the app asks of a job engine (issue #16): its recurring jobs, and the deadline-notice sweep at the instants
 * notices fall due. agenda fills it (src/jobs/agenda); another engine would be a change in that one folder.
 */
export interface JobEngine {
  /** Starts running due work. */
  start(): Promise<void>;
  /** Runs a recurring job now, on some instance (a command, a test). */
  now(name: string): Promise<void>;
  /** Sweeps the due notices at `at` (at once when it has passed) on some instance; one instant asked twice sweeps once. */
  sweepAt(at: Date): Promise<void>;
  /** Stops taking work, waits for what runs (up to `timeoutMs`), then releases the engine's connections. */
  drain(timeoutMs: number): Promise<void>;
}
