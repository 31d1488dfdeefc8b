import type { DataSource, EntityManager } from 'typeorm';
import type { Absence, AbsenceChange, AbsenceEnd, AbsenceNews, AbsenceRepository } from '../domain/absence.js';

/** Dates come back as text: pg would read a `date` as local midnight of the server's zone, not the institution's. */
const COLUMNS = `id, staff_id, to_char(from_date, 'YYYY-MM-DD') AS from_date, to_char(to_date, 'YYYY-MM-DD') AS to_date,
  starts_at, ends_at, substitute_id, set_by_id, set_at, ended_by_id, ended_at, ended_why`;

/** AbsenceRepository on PostgreSQL, bound to one transaction's EntityManager. */
export class TypeormAbsenceRepository implements AbsenceRepository {
  constructor(private readonly db: EntityManager) {}

  async coveringAt(staffId: string, at: Date): Promise<Absence | null> {
    const rows: AbsenceRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM staff_absences WHERE staff_id = $1 AND ended_at IS NULL AND starts_at <= $2 AND ends_at > $2
       ORDER BY set_at DESC LIMIT 1`,
      [staffId, at],
    );
    return rows[0] ? toAbsence(rows[0]) : null;
  }

  overlapping(staffId: string, startsAt: Date, endsAt: Date): Promise<Absence[]> {
    return this.select('staff_id = $1 AND starts_at < $3 AND ends_at > $2', [staffId, startsAt, endsAt]);
  }

  coveredBy(substituteId: string, startsAt: Date, endsAt: Date): Promise<Absence[]> {
    return this.select('substitute_id = $1 AND starts_at < $3 AND ends_at > $2', [substituteId, startsAt, endsAt]);
  }

  notOver(staffId: string, at: Date): Promise<Absence[]> {
    return this.select('staff_id = $1 AND ends_at > $2', [staffId, at]);
  }

  async insert(absence: Absence): Promise<void> {
    await this.db.query(
      `INSERT INTO staff_absences (id, staff_id, from_date, to_date, starts_at, ends_at, substitute_id, set_by_id, set_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [absence.id, absence.staffId, absence.from, absence.to, absence.startsAt, absence.endsAt, absence.substituteId, absence.setById, absence.setAt],
    );
  }

  async end(id: string, byId: string, at: Date, reason: AbsenceEnd): Promise<void> {
    await this.db.query('UPDATE staff_absences SET ended_by_id = $2, ended_at = $3, ended_why = $4 WHERE id = $1 AND ended_at IS NULL', [id, byId, at, reason]);
  }

  /** Standing absences (not ended early) matching `where`, earliest first. */
  private async select(where: string, params: unknown[]): Promise<Absence[]> {
    const rows: AbsenceRow[] = await this.db.query(`SELECT ${COLUMNS} FROM staff_absences WHERE ended_at IS NULL AND ${where} ORDER BY starts_at`, params);
    return rows.map(toAbsence);
  }
}

/**
 * What the manager has not yet been told of, per platform: absences marked (`away_told_on`) and absences ended by
 * "back" (`back_told_on`). One replaced by a newer absence is not news: the newer one is.
 */
export class TypeormAbsenceNews implements AbsenceNews {
  constructor(private readonly db: DataSource) {}

  async untold(platform: string, limit: number, now: Date): Promise<AbsenceChange[]> {
    const rows: Array<AbsenceRow & { change: 'away' | 'back' }> = await this.db.query(
      `SELECT * FROM (
         SELECT 'away' AS change, ${COLUMNS}, set_at AS happened_at FROM staff_absences
         WHERE NOT ($1 = ANY (away_told_on)) AND ends_at > $3 AND (ended_why IS NULL OR ended_why = 'back')
         UNION ALL
         SELECT 'back' AS change, ${COLUMNS}, ended_at AS happened_at FROM staff_absences
         WHERE ended_why = 'back' AND NOT ($1 = ANY (back_told_on)) AND ends_at > $3
       ) news ORDER BY happened_at, change DESC LIMIT $2`,
      [platform, limit, now],
    );
    return rows.map((row) => ({ change: row.change, absence: toAbsence(row) }));
  }

  async told(platform: string, { change, absence }: AbsenceChange): Promise<void> {
    const column = change === 'away' ? 'away_told_on' : 'back_told_on';
    await this.db.query(`UPDATE staff_absences SET ${column} = array_append(${column}, $1) WHERE id = $2 AND NOT ($1 = ANY (${column}))`, [platform, absence.id]);
  }
}

interface AbsenceRow {
  id: string;
  staff_id: string;
  from_date: string;
  to_date: string;
  starts_at: Date | string;
  ends_at: Date | string;
  substitute_id: string;
  set_by_id: string;
  set_at: Date | string;
  ended_by_id: string | null;
  ended_at: Date | string | null;
  ended_why: AbsenceEnd | null;
}

function toAbsence(row: AbsenceRow): Absence {
  return {
    id: row.id,
    staffId: row.staff_id,
    from: row.from_date,
    to: row.to_date,
    substituteId: row.substitute_id,
    startsAt: new Date(row.starts_at),
    endsAt: new Date(row.ends_at),
    setById: row.set_by_id,
    setAt: new Date(row.set_at),
    endedById: row.ended_by_id,
    endedAt: row.ended_at === null ? null : new Date(row.ended_at),
  };
}
