import { DataSource } from 'typeorm';
import { ENTITIES } from './entities.js';
import { InitialSchema1763900000000 } from './migrations/1763900000000-initial-schema.js';
import { EscalationsAndChat1763900000001 } from './migrations/1763900000001-escalations-and-chat.js';
import { ClientMail1763900000002 } from './migrations/1763900000002-client-mail.js';
import { ProcedureWorkflows1763900000003 } from './migrations/1763900000003-procedure-workflows.js';
import { MailIntakeFailures1763900000004 } from './migrations/1763900000004-mail-intake-failures.js';
import { MailIntakeTold1763900000005 } from './migrations/1763900000005-mail-intake-told.js';
import { LettersThatCanBePosted1763900000006 } from './migrations/1763900000006-letters-that-can-be-posted.js';
import { StaffAbsences1763900000010 } from './migrations/1763900000010-staff-absences.js';
import { ClientRatings1763900000011 } from './migrations/1763900000011-client-ratings.js';
import { QualityFacts1763900000012 } from './migrations/1763900000012-quality-facts.js';
import { WeeklyDigests1763900000013 } from './migrations/1763900000013-weekly-digests.js';
import { EncryptedAtRest1763900000015 } from './migrations/1763900000015-encrypted-at-rest.js';
import { AuditLog1763900000014 } from './migrations/1763900000014-audit-log.js';
import { Retention1763900000016 } from './migrations/1763900000016-retention.js';
import { SubjectAccess1763900000017 } from './migrations/1763900000017-subject-access.js';
import { NoticeSchedule1763900000020 } from './migrations/1763900000020-notice-schedule.js';

export const MIGRATIONS = [
  InitialSchema1763900000000,
  EscalationsAndChat1763900000001,
  ClientMail1763900000002,
  ProcedureWorkflows1763900000003,
  MailIntakeFailures1763900000004,
  MailIntakeTold1763900000005,
  LettersThatCanBePosted1763900000006,
  StaffAbsences1763900000010,
  ClientRatings1763900000011,
  QualityFacts1763900000012,
  WeeklyDigests1763900000013,
  AuditLog1763900000014,
  EncryptedAtRest1763900000015,
  Retention1763900000016,
  SubjectAccess1763900000017,
  NoticeSchedule1763900000020,
];

/** An arbitrary constant: instances starting together take turns migrating. */
const MIGRATION_LOCK_KEY = 7_410_225;

/** Connects to PostgreSQL and applies the committed migrations (never `synchronize`). */
export async function openDatabase(url: string, options: { poolSize?: number } = {}): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'all',
    synchronize: false,
    logging: false,
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 5_000 },
  });
  await dataSource.initialize();
  // An advisory lock belongs to a session, so one connection takes and releases it.
  const lockHolder = dataSource.createQueryRunner();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations();
    await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  } finally {
    await lockHolder.release();
  }
  return dataSource;
}
