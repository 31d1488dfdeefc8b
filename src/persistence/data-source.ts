import { DataSource } from 'typeorm';
import type { InstitutionId } from '../domain/institution.js';
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
import { Institutions1763900000021 } from './migrations/1763900000021-institutions.js';
import { InstitutionSettings1763900000022 } from './migrations/1763900000022-institution-settings.js';
import { ChatInstallations1763900000023 } from './migrations/1763900000023-chat-installations.js';
import { CityOverview1763900000024 } from './migrations/1763900000024-city-overview.js';
import { InstitutionMailboxes1763900000025 } from './migrations/1763900000025-institution-mailboxes.js';
import { prepareAppRole } from './app-role.js';
import { scopeToInstitutions } from './tenant-scope.js';

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
  Institutions1763900000021,
  InstitutionSettings1763900000022,
  ChatInstallations1763900000023,
  CityOverview1763900000024,
  InstitutionMailboxes1763900000025,
];

/** An arbitrary constant: instances starting together take turns migrating. */
const MIGRATION_LOCK_KEY = 7_410_225;

export interface OpenOptions {
  poolSize?: number;
  /** The service's own role (issue #17); without it, `langelis_app` is made by the owner (`app-role.ts`). */
  appUrl?: string;
  /** Work on every institution's rows that only the owner may do (sealing rows stored before encryption), under the migration lock. */
  maintain?: (owner: DataSource) => Promise<void>;
}

/**
 * Migrates as the owner (`url`; never `synchronize`), prepares the service's role, then connects as that role: the
 * returned source sees one institution's rows per transaction (`scopeToInstitutions`, issue #17).
 */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<{ dataSource: DataSource; appUrl: string }> {
  const owner = ownerSource(url, 2);
  await owner.initialize();
  let appUrl: string;
  // An advisory lock belongs to a session, so one connection takes and releases it.
  const lockHolder = owner.createQueryRunner();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await owner.runMigrations();
    appUrl = await prepareAppRole(owner, url, options.appUrl);
    await options.maintain?.(owner);
    await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  } finally {
    await lockHolder.release();
    await owner.destroy();
  }
  return { dataSource: await appSource(appUrl, options.poolSize ?? 10), appUrl };
}

/**
 * The service's role on `appUrl`, each transaction its work's institution's; `standing` is the institution of work
 * that names none (a handle held for one institution), else such work sees no institution's rows.
 */
export async function appSource(appUrl: string, poolSize: number, standing?: InstitutionId): Promise<DataSource> {
  const dataSource = new DataSource({ ...settings(appUrl), extra: { max: poolSize, connectionTimeoutMillis: 5_000 } });
  await dataSource.initialize();
  scopeToInstitutions(dataSource, standing);
  return dataSource;
}

/** A short-lived connection as the owner, for the command-line tools that work on every institution's rows (`data:rekey`). */
export async function withOwner<T>(url: string, work: (owner: DataSource) => Promise<T>): Promise<T> {
  const owner = ownerSource(url, 2);
  await owner.initialize();
  try {
    return await work(owner);
  } finally {
    await owner.destroy();
  }
}

function ownerSource(url: string, poolSize: number): DataSource {
  return new DataSource({ ...settings(url), migrations: MIGRATIONS, migrationsTransactionMode: 'all', extra: { max: poolSize, connectionTimeoutMillis: 5_000 } });
}

function settings(url: string) {
  return { type: 'postgres' as const, url, entities: ENTITIES, synchronize: false, logging: false };
}
