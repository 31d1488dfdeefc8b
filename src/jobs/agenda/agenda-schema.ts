import { PostgresBackend } from '@agendajs/postgres-backend';
import type pg from 'pg';

/** An arbitrary constant (not the migrations' key): instances starting together take turns creating agenda's schema. */
const SCHEMA_LOCK_KEY = 7_410_227;

/**
 * Creates agenda's tables, functions and indexes. agenda creates its schema without a lock as soon as an `Agenda`
 * is constructed, so two instances starting together on a new database collide (duplicate pg_type / pg_proc
 * entries) and one of them dies of an unhandled rejection; here they take turns.
 */
export async function ensureAgendaSchema(pool: pg.Pool): Promise<void> {
  const turn = await pool.connect();
  try {
    await turn.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK_KEY]);
    await new PostgresBackend({ pool, disableNotifications: true }).connect();
    // The indexes the one-job-per-notice design needed on the payload; the notices have their own table now (issue #16).
    await turn.query('DROP INDEX IF EXISTS agenda_jobs_data_idx');
    await turn.query('DROP INDEX IF EXISTS agenda_jobs_inquiry_idx');
  } finally {
    await turn.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK_KEY]).catch(() => undefined);
    turn.release();
  }
}
