/**
 * The instants a sweep was asked for, so the scheduler asks agenda once per instant however many notices share it
 * (a Monday 08:00 opening has thousands). agenda's unique key keeps a second instance's ask from adding a job;
 * this only saves the round trips. Instants that have passed are forgotten.
 */
export class SweepInstants {
  private readonly asked = new Set<number>();
  private pruneAt = 0;

  constructor(private readonly schedule: (at: Date) => Promise<void>) {}

  async ask(at: Date): Promise<void> {
    const now = Date.now();
    if (now >= this.pruneAt) this.prune(now);
    const time = at.getTime();
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
