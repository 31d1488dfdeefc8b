/**
 * Runs the work that follows an ack a few at a time. Slack can deliver a burst of clicks at once (everyone
 * clicks Claim on a new inquiry); each click is a database transaction, and letting them all start at once
 * would exhaust the connection pool and fail clicks that only had to wait. Queued work waits here instead.
 * `ready` is awaited before each job starts: the platform passes "no ack pending" (pending-acks.ts), so a burst's
 * work yields to the burst's acks.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly idle: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly ready?: () => Promise<void>,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      if (this.ready) await this.ready();
      return await work();
    } finally {
      // Hand the slot straight to the next in line, or free it.
      const next = this.waiting.shift();
      if (next) next();
      else if (--this.running === 0) for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  /** Resolves when nothing runs or waits: at shutdown, before the database closes under the work. */
  async drain(): Promise<void> {
    if (this.running === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }
}
