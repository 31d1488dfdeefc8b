/**
 * How far ahead instants get an agenda job of their own. Each registration plans about six notices at distinct
 * instants days ahead; a job for each would fill `agenda_jobs` at city scale (and agenda reads its due jobs
 * linearly). A later instant is asked again by the refill every `REFILL_EVERY`, while it is still well inside.
 */
export const WAKE_HORIZON_MS = 15 * 60_000;
export const REFILL_EVERY = '5 minutes';

/**
 * The instants a sweep was asked for, so the scheduler asks agenda once per instant however many notices share it
 * (a Monday 08:00 opening has thousands). agenda's unique key keeps a second instance's ask from adding a job;
 * this only saves the round trips. Instants that have passed are forgotten; those beyond the horizon are left to the
 * refill (`NoticeSweep.wakeAhead`), and the safety sweep every minute covers a refill that did not run.
 */
export class SweepInstants {
  private readonly asked = new Set<number>();
  private pruneAt = 0;

  constructor(private readonly schedule: (at: Date) => Promise<void>) {}

  async ask(at: Date): Promise<void> {
    const now = Date.now();
    if (now >= this.pruneAt) this.prune(now);
    const time = at.getTime();
    if (time > now + WAKE_HORIZON_MS) return;
    // A notice due already is swept at once: the instant's job may have run, so it is asked for again.
    if (time > now && this.asked.has(time)) return;
    await this.schedule(at);
    if (time > now) this.asked.add(time);
  }

  private prune(now: number): void {
    for (const time of this.asked) if (time <= now) this.asked.delete(time);
    this.pruneAt = now + 60_000;
  }
}
