import type { DataSource } from 'typeorm';
import type { DigestLedger } from '../domain/report-access.js';
import type { RetentionLedger } from '../domain/retention.js';

/**
 * Who has been told a periodic notice, one row per platform, period and person, so nobody is told twice: the weekly
 * digest (R60.internal, `weekly_digests_told` by `week_from`) and the night's anonymisation (issue #15,
 * `retention_notices_told` by `night`).
 */
class TypeormToldLedger {
  constructor(
    private readonly db: DataSource,
    private readonly table: 'weekly_digests_told' | 'retention_notices_told',
    private readonly period: 'week_from' | 'night',
  ) {}

  async told(platform: string, period: string): Promise<readonly string[]> {
    const rows: Array<{ staff_id: string }> = await this.db.query(`SELECT staff_id FROM ${this.table} WHERE platform = $1 AND ${this.period} = $2`, [platform, period]);
    return rows.map((row) => row.staff_id);
  }

  async markTold(platform: string, period: string, staffId: string): Promise<void> {
    await this.db.query(`INSERT INTO ${this.table} (platform, ${this.period}, staff_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [platform, period, staffId]);
  }
}

export class TypeormDigestLedger extends TypeormToldLedger implements DigestLedger {
  constructor(db: DataSource) {
    super(db, 'weekly_digests_told', 'week_from');
  }
}

export class TypeormRetentionLedger extends TypeormToldLedger implements RetentionLedger {
  constructor(db: DataSource) {
    super(db, 'retention_notices_told', 'night');
  }
}
