import type { DataSource } from 'typeorm';
import type { CallLane, CallPacer } from '../domain/call-pacing.js';

/**
 * The shared schedule in `chat_rate_slots` (migration 1763900000023), one row per lane: `next_at` is the theoretical
 * time the lane is free again (the generic cell rate algorithm). Each reservation moves it one interval on and waits
 * only as far as the burst allowance is used up, in one statement, so instances never race for a slot.
 */
export class PostgresCallPacer implements CallPacer {
  constructor(private readonly dataSource: DataSource) {}

  async reserve(lane: CallLane): Promise<number> {
    const interval = intervalMs(lane);
    const [row]: Array<{ wait_ms: number }> = await this.dataSource.query(
      `INSERT INTO chat_rate_slots AS s (key, next_at) VALUES ($1, clock_timestamp() + $2::float * interval '1 millisecond')
       ON CONFLICT (key) DO UPDATE SET next_at = greatest(s.next_at, clock_timestamp()) + $2::float * interval '1 millisecond'
       RETURNING greatest(0, extract(epoch FROM s.next_at - clock_timestamp()) * 1000 - $2::float * $3::int)::float AS wait_ms`,
      [lane.key, interval, lane.burst],
    );
    return Math.ceil(row!.wait_ms);
  }

  async holdOff(lane: CallLane, ms: number): Promise<void> {
    // The next reservation then waits at least `ms`, whatever burst allowance was left.
    await this.dataSource.query(
      `INSERT INTO chat_rate_slots AS s (key, next_at) VALUES ($1, clock_timestamp() + ($2::float + $3::float * $4::int) * interval '1 millisecond')
       ON CONFLICT (key) DO UPDATE SET next_at = greatest(s.next_at, EXCLUDED.next_at)`,
      [lane.key, ms, intervalMs(lane), lane.burst],
    );
  }
}

function intervalMs(lane: CallLane): number {
  return 60_000 / lane.perMinute;
}
