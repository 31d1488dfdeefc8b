import type { DataSource } from 'typeorm';
import type { DigestLedger } from '../domain/report-access.js';

/** R60.internal: the weekly digest's marks, one row per platform, week and person (`weekly_digests_told`). */
export class TypeormDigestLedger implements DigestLedger {
  constructor(private readonly db: DataSource) {}

  async told(platform: string, week: string): Promise<readonly string[]> {
    const rows: Array<{ staff_id: string }> = await this.db.query(`SELECT staff_id FROM weekly_digests_told WHERE platform = $1 AND week_from = $2`, [platform, week]);
    return rows.map((row) => row.staff_id);
  }

  async markTold(platform: string, week: string, staffId: string): Promise<void> {
    await this.db.query(`INSERT INTO weekly_digests_told (platform, week_from, staff_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [platform, week, staffId]);
  }
}
