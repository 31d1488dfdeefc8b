import { randomBytes, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { LoggingNotifier } from './bot/logging-notifier.js';
import { createPlatforms } from './bot/platforms.js';
import { LithuanianHolidays } from './calendar/lithuanian-holidays.js';
import { publicUrl, retentionPeriodsOf, secretsOf, settingsDefaultsOf, type Config } from './config.js';
import { systemClock, type Clock } from './domain/clock.js';
import { CallService } from './domain/call.service.js';
import { ClientChannelService } from './domain/client-channel.service.js';
import { ClientEmailComposer } from './domain/client-email-composer.js';
import { ClientMessagingService } from './domain/client-messaging.service.js';
import { DeadlineNotices } from './domain/deadline-notices.js';
import { ExternalStepService } from './domain/external-step.service.js';
import { MeetingService } from './domain/meeting.service.js';
import { DEFAULT_DEADLINE_POLICY, DeadlinePolicy } from './domain/deadline-policy.js';
import { InstitutionProfiles } from './domain/institution-profiles.js';
import type { EffectiveSettings } from './domain/institution-settings.js';
import { InstitutionSettingsService } from './domain/institution-settings.service.js';
import { EscalationService } from './domain/escalation.service.js';
import { InquiryQueries } from './domain/inquiry.queries.js';
import { InquiryService } from './domain/inquiry.service.js';
import { RatingService } from './domain/rating.service.js';
import { LetterLinks } from './domain/letter-link.js';
import { REPORT_LINK_LIFETIME_MS, ReportLinks } from './domain/report-link.js';
import type { MessagingUnitOfWork } from './domain/messaging-unit-of-work.js';
import type { EventConsumer, Notifier } from './domain/notifier.js';
import type { Capabilities } from './domain/capabilities.js';
import type { DomainServices } from './domain/services.js';
import { StaffDirectory } from './domain/staff.service.js';
import { AbsenceService } from './domain/absence.service.js';
import { AuditTrail } from './domain/audit.service.js';
import { AUDIT_LINK_LIFETIME_MS, AuditLinks } from './domain/audit-link.js';
import { TypeormAuditLog } from './persistence/audit-log.typeorm.js';
import { mountAuditExport } from './web/audit.js';
import { SubjectAccess } from './domain/subject-access.service.js';
import { SUBJECT_ACCESS_LINK_LIFETIME_MS, SubjectAccessLinks } from './domain/subject-access-link.js';
import { subjectAccessUnitOfWork } from './persistence/subject-access.typeorm-repository.js';
import { mountSubjectAccess } from './web/subject-access.js';
import { healthRoute, type HealthProbe } from './http/health.js';
import { HttpServer } from './http/server.js';
import { DeadlineScheduler } from './jobs/deadline-scheduler.js';
import { createAgendaEngine } from './jobs/agenda/agenda-engine.js';
import type { JobEngine } from './jobs/job-engine.js';
import { NoticeSweep } from './jobs/notice-sweep.js';
import { recurringJobs } from './jobs/recurring-jobs.js';
import { PostgresNoticeQueue } from './persistence/notice-queue.postgres.js';
import { secretRedactor, type Logger } from './logger.js';
import { createMail, type MailModule } from './mail/index.js';
import { CatalogueTemplates } from './mail/templates/index.js';
import { currentInstitution, FIRST_INSTITUTION, inInstitution, requireInstitution, servingInstitution, type InstitutionId } from './domain/institution.js';
import { letterheadOf } from './domain/institution-settings.js';
import { publicSiteOf } from './web/pages.js';
import { appSource, openDatabase, withOwner } from './persistence/data-source.js';
import { institutionIds } from './persistence/institutions.js';
import { PostgresInstitutionSettings } from './persistence/institution-settings.postgres.js';
import { describeConnectionFailure } from './persistence/connection-errors.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './persistence/embedded-database.js';
import { listenFailure } from './start-errors.js';
import { startReport, type DatabaseFacts } from './start-report.js';
import { DEFAULT_DISPATCHER_OPTIONS, OutboxDispatcher, type OutboxDispatcherOptions } from './persistence/outbox.js';
import { TypeormChatPostStore, TypeormConversationStore } from './persistence/chat-stores.typeorm.js';
import { PostgresChatInstallations } from './persistence/chat-installations.postgres.js';
import { PostgresCallPacer } from './persistence/chat-rate-slots.postgres.js';
import { INSTALL_LINK_LIFETIME_MS, InstallLinks } from './domain/install-link.js';
import { TypeormMailIntakeFailures } from './persistence/mail-intake-failures.js';
import { TypeormAbsenceNews } from './persistence/staff-absences.typeorm.js';
import { PostgresLeaseSession } from './persistence/mailbox-lease.postgres.js';
import { PostgresInstitutionMailboxes } from './persistence/institution-mailboxes.postgres.js';
import { MailboxDirectory } from './mail/mailbox-directory.js';
import { NetworkMailServerProbe } from './mail/server-probe.js';
import { MailboxSettingsService } from './domain/mailbox-settings.service.js';
import type { MailboxSettings } from './domain/institution-mailbox.js';
import { TypeormMailboxMarks } from './persistence/mailbox-marks.js';
import { messagingUnitOfWork } from './persistence/messaging-unit-of-work.typeorm.js';
import { ratingUnitOfWork } from './persistence/rating.typeorm-repository.js';
import { RatingMailConsumer } from './mail/rating-mail.consumer.js';
import { mountRatings, RATING_PATH } from './web/rating.js';
import { TypeormUnitOfWork } from './persistence/unit-of-work.typeorm.js';
import { PostgresQualityMonitor } from './persistence/quality/quality-monitor.postgres.js';
import { QualityFactsConsumer } from './persistence/quality/quality-facts.consumer.js';
import { mountWebForm } from './web/index.js';
import { mountLetters } from './web/letters.js';
import { mountAttachments } from './web/attachments.js';
import { AttachmentAccess } from './domain/attachment.service.js';
import { AttachmentLinks } from './domain/attachment-link.js';
import { attachmentUnitOfWork } from './persistence/attachment.typeorm-repository.js';
import { resolveDataKeys } from './persistence/data-keys.js';
import { bindCipher, shareCipher, DataCipher } from './persistence/encryption.js';
import { sealPlaintextRows } from './persistence/sealed-columns.js';
import { mountReportExports } from './web/reports.js';
import { TypeormDigestLedger, TypeormRetentionLedger } from './persistence/told-ledger.js';
import { RetentionService } from './domain/retention.service.js';
import { RETENTION_LINK_LIFETIME_MS, RETENTION_LIST_PATH, RetentionLinks } from './domain/retention-link.js';
import { retentionUnitOfWork, TypeormRetentionRepository } from './persistence/retention.typeorm-repository.js';
import { mountRetentionList } from './web/retention.js';
import { ErasureService } from './domain/erasure.service.js';
import { erasureUnitOfWork } from './persistence/erasure.typeorm-unit-of-work.js';
import { CITY_LINK_DAYS, CityLinks } from './domain/city-link.js';
import { CityOverviewService } from './domain/city-overview.service.js';
import { PostgresCityQuality } from './persistence/quality/city-overview.postgres.js';
import { mountCityOverview } from './web/city-overview.js';

/** Seams for tests: a fixed clock, extra consumers (recording notifiers), faster outbox polling. */
export interface AppOverrides {
  clock?: Clock;
  notifiers?: EventConsumer[];
  dispatcher?: Partial<OutboxDispatcherOptions>;
  schedulerProcessEvery?: string | number;
  schedulerLockLifetimeMs?: number;
  mail?: Parameters<typeof createMail>[0]['timings'];
}

export interface RunningApp extends DomainServices {
  url: string;
  /** The first institution's data, under row-level security like everything else (tests and benchmarks read it). */
  dataSource: DataSource;
  /** The domain services as work of `institution` (issue #17); the app's own fields are the first institution's. */
  forInstitution(institution: InstitutionId): DomainServices;
  /** The job engine (agenda): recurring jobs and the deadline-notice sweep. */
  scheduler: JobEngine;
  /** What this instance's sweep has settled (the scheduler bench reports each instance's share). */
  noticeSweep: NoticeSweep;
  notices: DeadlineNotices;
  outbox: OutboxDispatcher;
  /** E-mail with clients (intake, client e-mail); see docs/mail.md. */
  mail: MailModule;
  /** Another institution's client e-mail services, as its work (issue #17). */
  mailFor(institution: InstitutionId): Pick<MailModule, 'messaging' | 'clientChannel' | 'intake'>;
  /** Signs the links to printable letters (R55.same-channel). */
  letterLinks: LetterLinks;
  /** Signs the download links of clients' e-mailed files (issue #15). */
  attachmentLinks: AttachmentLinks;
  /** Drains jobs and deliveries under way, then closes everything it opened. */
  stop(): Promise<void>;
}

/** The service's database, migrated and open. */
export interface ConnectedDatabase {
  /** The owner's: migrations and schema. */
  url: string;
  /** The service's own role, under row-level security (issue #17). */
  appUrl: string;
  dataSource: DataSource;
  /** Where it is, for the start log (no credentials). */
  facts: DatabaseFacts;
  /**
   * A small source of its own whose work, where it names no institution, is `institution`'s: the running app's handle
   * on its first institution's data (tests, benchmarks) and the command-line tools'.
   */
  standingFor(institution: InstitutionId): Promise<DataSource>;
  /** Work on every institution's rows (the command-line `data:rekey`), on a connection of its own as the owner. */
  asOwner<T>(work: (owner: DataSource) => Promise<T>): Promise<T>;
  /** Closes the connections, then stops the embedded server if this call started one. */
  close(): Promise<void>;
}

/**
 * Opens the database the service uses: `DATABASE_URL`, or else the embedded PostgreSQL in `DATA_DIR`
 * (started here). Shared by `npm start` and the command-line tools so they always agree on it; the tools
 * pass `share` so they use the server of a Langelis that is already running. Failures are errors whose
 * message names the cause and the fix (`EmbeddedServerError`, `DatabaseUnreachableError`).
 */
export async function connectDatabase(config: Config, options: { share?: boolean; poolSize?: number; logger?: Pick<Logger, 'warn' | 'info'> } = {}): Promise<ConnectedDatabase> {
  let embedded: EmbeddedDatabase | null = null;
  let url = config.DATABASE_URL;
  let facts: DatabaseFacts;
  if (url) {
    const parsed = new URL(url);
    facts = { kind: 'external', host: `${parsed.hostname}:${parsed.port || '5432'}`, database: decodeURIComponent(parsed.pathname.slice(1)) };
  } else {
    embedded = await startEmbeddedDatabase({
      dataDir: path.join(config.DATA_DIR, 'postgres'),
      port: config.EMBEDDED_POSTGRES_PORT,
      database: 'langelis',
      share: options.share,
    });
    url = embedded.url;
    facts = { kind: 'embedded', dataDir: embedded.dataDir, port: embedded.port, origin: embedded.origin };
  }
  const logger = options.logger ?? stderrLogger;
  let dataSource: DataSource;
  let appUrl: string;
  try {
    const cipher = new DataCipher(await resolveDataKeys(config, logger));
    const maintain = async (owner: DataSource) => {
      await encryptAtRest(owner, cipher, logger);
      await nameFirstInstitution(owner, config);
    };
    ({ dataSource, appUrl } = await openDatabase(url, { poolSize: options.poolSize, appUrl: config.DATABASE_APP_URL, maintain }));
    bindCipher(dataSource, cipher);
  } catch (error) {
    await embedded?.stop();
    throw config.DATABASE_URL ? describeConnectionFailure(url, error) : error;
  }
  let closing: Promise<void> | null = null;
  const ownerUrl = url;
  const views: DataSource[] = [];
  return {
    url,
    appUrl,
    dataSource,
    facts,
    asOwner: (work) => withOwner(ownerUrl, work),
    async standingFor(institution) {
      const view = await appSource(appUrl, 5, institution);
      shareCipher(view, dataSource);
      views.push(view);
      return view;
    },
    close() {
      closing ??= Promise.all([dataSource, ...views].map((source) => source.destroy())).then(() => embedded?.stop());
      return closing;
    },
  };
}

/**
 * Issue #15: attachments and letters are sealed with the data keys (DATA_KEYS, or the key file made once in DATA_DIR);
 * rows written before migration 1763900000015 are sealed now, once. See docs/data-protection.md.
 */
async function encryptAtRest(owner: DataSource, cipher: DataCipher, logger: Pick<Logger, 'warn' | 'info'>): Promise<void> {
  const sealed = await sealPlaintextRows(owner, cipher);
  if (Object.values(sealed).some((count) => count > 0)) logger.info({ sealed }, 'sealed attachments and letters stored before encryption at rest');
}

/**
 * The environment names the first institution (INSTITUTION_NAME, issue #17): its row says the same, so what reads names
 * from the table (the city overview, another instance's settings) agrees with its letters and pages.
 */
async function nameFirstInstitution(owner: DataSource, config: Config): Promise<void> {
  await owner.query('UPDATE institutions SET name = $1 WHERE id = $2 AND name IS DISTINCT FROM $1', [config.INSTITUTION_NAME, FIRST_INSTITUTION]);
}

/** Warnings of a command-line tool that has no logger of its own. */
const stderrLogger: Pick<Logger, 'warn' | 'info'> = {
  warn: ((_object: unknown, message?: string) => void process.stderr.write(`${message ?? ''}\n`)) as Logger['warn'],
  info: (() => undefined) as Logger['info'],
};

/** The composition root: wires the domain to PostgreSQL, agenda and HTTP, and starts them. */
export async function startApp(config: Config, logger: Logger, overrides: AppOverrides = {}): Promise<RunningApp> {
  const database = await connectDatabase(config, { logger });
  for (const line of startReport(config, database.facts)) logger.info({ part: line.part, state: line.state }, line.message);
  try {
    return await startServices(database, config, logger, overrides);
  } catch (error) {
    // Leave no database behind a failed start: an embedded server would outlive the process.
    await database.close().catch((cleanup: unknown) => logger.warn({ err: cleanup }, 'closing the database after a failed start failed'));
    throw error;
  }
}

async function startServices(database: ConnectedDatabase, config: Config, logger: Logger, overrides: AppOverrides): Promise<RunningApp> {
  const clock = overrides.clock ?? systemClock;
  const { url: databaseUrl, dataSource } = database;

  // Issue #17: deadlines count each institution's own office hours and closure days (its settings over the environment's).
  const settingsStore = new PostgresInstitutionSettings(dataSource);
  const profiles = new InstitutionProfiles(settingsStore, {
    defaults: settingsDefaultsOf(config),
    zone: config.TIME_ZONE,
    holidays: new LithuanianHolidays(),
    options: {
      ...DEFAULT_DEADLINE_POLICY,
      overdueOutsideOfficeHours: config.OVERDUE_OUTSIDE_OFFICE_HOURS,
      unclaimedAfterMinutes: config.UNCLAIMED_AFTER_MINUTES,
      overdueEscalateAfterOfficeHours: config.OVERDUE_ESCALATE_AFTER_OFFICE_HOURS,
      unclaimedEscalateAfterMinutes: config.UNCLAIMED_ESCALATE_AFTER_MINUTES,
      callbackMinMinutes: config.CALLBACK_MIN_MINUTES,
      meetingSummaryWorkingDays: config.MEETING_SUMMARY_WORKING_DAYS,
    },
  });
  await profiles.load();
  // Issue #17: each institution's own mailbox (the first institution's is the environment's until it sets one).
  const mailboxStore = new PostgresInstitutionMailboxes(dataSource);
  const directory = new MailboxDirectory(mailboxStore, environmentMailbox(config), () => profiles.institutions(), logger);
  await directory.load();
  // Changes saved on another instance (settings and mailboxes) take effect here within a minute.
  const reloadProfiles = setInterval(
    () =>
      void profiles
        .load()
        .then(() => directory.load())
        .catch((error: unknown) => logger.warn({ err: error }, "reloading the institutions' settings failed; the ones in memory stay in force")),
    PROFILE_RELOAD_MS,
  );
  reloadProfiles.unref();
  const policy = new DeadlinePolicy(() => profiles.current());
  const settingsNow = () => profiles.current().settings;
  // Issue #17: each institution's pages and links are at PUBLIC_URL/<short name>; the first institution's where they always were.
  const siteUrl = () => {
    const institution = requireInstitution();
    return institution === FIRST_INSTITUTION ? publicUrl(config) : `${publicUrl(config)}/${profiles.addressOf(institution)}`;
  };
  const calendar = { nextOpening: (at: Date) => profiles.current().calendar.nextOpening(at) };

  // The unit of work needs the consumers (to fan events out) and the dispatcher needs the unit of work's
  // services only indirectly, so the dispatcher is woken through a late-bound callback.
  let wakeDispatcher = (): void => undefined;
  const consumers: EventConsumer[] = [];
  const unitOfWork = new TypeormUnitOfWork(dataSource, consumers, () => wakeDispatcher());
  const notices = new DeadlineNotices(unitOfWork, policy, clock, { managerOnDutyEmail: config.MANAGER_ON_DUTY_EMAIL ?? null });
  const intakeFailures = new TypeormMailIntakeFailures(dataSource);
  let notifiers: readonly Notifier[] = [];
  const noticeQueue = new PostgresNoticeQueue(dataSource);
  const noticeSweep = new NoticeSweep(noticeQueue, notices, logger);
  const jobs = recurringJobs(
    {
      alerts: { failures: intakeFailures, notifiers: () => notifiers },
      away: { news: new TypeormAbsenceNews(dataSource), notifiers: () => notifiers, clock },
      // R60.internal: the services are built below; the job reads them only when it runs, after the start.
      digest: { quality: () => services.quality, calendar, staff: () => services.queries.staffWithRole(null), ledger: new TypeormDigestLedger(dataSource), notifiers: () => notifiers, clock },
      // Issue #15: the nightly anonymisation; the admins' list link is signed for each of them (src/web/retention.ts).
      retention: {
        retention: () => services.retention,
        subjectAccess: () => services.subjectAccess,
        staff: () => services.queries.staffWithRole('admin'),
        ledger: new TypeormRetentionLedger(dataSource),
        notifiers: () => notifiers,
        listUrl: (night, staffId) => `${siteUrl()}${RETENTION_LIST_PATH}?${new URLSearchParams({ ...services.retention.listLink(night, staffId) }).toString()}`,
        noticeHour: config.RETENTION_NOTICE_HOUR,
        zone: config.TIME_ZONE,
        clock,
      },
    },
    logger,
    () => institutionIds(dataSource),
  );
  const scheduler = await createAgendaEngine(
    { databaseUrl: database.appUrl, schemaUrl: databaseUrl, instanceName: `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`, processEvery: overrides.schedulerProcessEvery, lockLifetimeMs: overrides.schedulerLockLifetimeMs },
    noticeSweep,
    jobs,
    logger,
  );
  const commands = { unitOfWork, policy, clock };
  const linkSecret = letterLinkSecret(config, logger);
  const services: DomainServices = {
    inquiries: new InquiryService(unitOfWork, policy, clock),
    calls: new CallService(commands),
    meetings: new MeetingService(commands),
    externalSteps: new ExternalStepService(commands),
    escalations: new EscalationService(unitOfWork, policy, clock),
    queries: new InquiryQueries(unitOfWork),
    staff: new StaffDirectory(unitOfWork, clock),
    absences: new AbsenceService(unitOfWork, clock, config.TIME_ZONE),
    ratings: ratingService(config, ratingUnitOfWork(dataSource, consumers, () => wakeDispatcher()), policy, clock, settingsNow, siteUrl, directory),
    quality: new PostgresQualityMonitor(dataSource, clock, config.TIME_ZONE),
    // Issue #17: whether the institution whose work it is can e-mail its clients (it has an SMTP server).
    capabilities: {
      get email() {
        const institution = currentInstitution();
        return institution !== undefined && directory.sends(institution);
      },
    },
    // R12.records: the audit export's link is signed with the links' secret, for its own purpose (audit-link.ts).
    audit: new AuditTrail(new TypeormAuditLog(dataSource.manager), unitOfWork, new AuditLinks(linkSecret, AUDIT_LINK_LIFETIME_MS, clock), clock, config.TIME_ZONE),
    // Issue #15, subject access: the export's link names a stored request, signed for its own purpose (subject-access-link.ts).
    subjectAccess: new SubjectAccess(subjectAccessUnitOfWork(dataSource), new SubjectAccessLinks(linkSecret, SUBJECT_ACCESS_LINK_LIFETIME_MS, clock), clock),
    // Issue #15 (R12.records keeps the number, dates and outcomes): the night-before list's link has its own purpose.
    retention: new RetentionService(
      retentionUnitOfWork(dataSource, consumers, () => wakeDispatcher()),
      new TypeormRetentionRepository(dataSource.manager),
      new RetentionLinks(linkSecret, RETENTION_LINK_LIFETIME_MS, clock),
      clock,
      { periods: retentionPeriodsOf(config), runHour: config.RETENTION_RUN_HOUR, zone: config.TIME_ZONE },
    ),
    institutionSettings: new InstitutionSettingsService(unitOfWork, settingsStore, profiles, config.TIME_ZONE),
    mailboxSettings: new MailboxSettingsService(unitOfWork, mailboxStore, new NetworkMailServerProbe(), () => directory.refresh(requireInstitution())),
    // Issue #15, erasure on request: the export's matcher and the retention scrub, one transaction per inquiry.
    erasure: new ErasureService(erasureUnitOfWork(dataSource, consumers, () => wakeDispatcher()), clock, {
      periods: retentionPeriodsOf(config),
      dutyKinds: config.RETENTION_DUTY_KINDS,
    }),
  };
  const { inquiries, capabilities } = services;
  const { messaging, clientChannel } = clientServices(config, capabilities, messagingUnitOfWork(dataSource, consumers, () => wakeDispatcher()), policy, clock, settingsNow, directory);
  const leases = PostgresLeaseSession.forDataSource(dataSource, logger);
  const mail = createMail({
    config,
    logger,
    directory,
    inquiries,
    messaging,
    clientChannel,
    mailbox: {
      marks: new TypeormMailboxMarks(dataSource),
      failures: intakeFailures,
      lease: (identity) => leases.lease(identity),
    },
    timings: overrides.mail,
  });
  const letterLinks = new LetterLinks(linkSecret, config.LETTER_LINK_DAYS * 24 * 3_600_000, clock);
  // R60.internal: a report's CSV link, signed with the same secret for its own purpose.
  const reportLinks = new ReportLinks(linkSecret, REPORT_LINK_LIFETIME_MS, clock);
  // Issue #15: a client's e-mailed file, downloaded through a link signed for one person, for its own purpose.
  const attachments = new AttachmentAccess(attachmentUnitOfWork(dataSource));
  const attachmentLinks = new AttachmentLinks(linkSecret, config.ATTACHMENT_LINK_MINUTES * 60_000, clock);
  const platforms = await createPlatforms({
    config,
    logger,
    clock,
    ...services,
    messaging: mail.messaging,
    clientChannel: mail.clientChannel,
    letterLinks,
    reportLinks,
    attachments,
    attachmentLinks,
    chatPosts: new TypeormChatPostStore(dataSource),
    conversations: new TypeormConversationStore(dataSource),
    settings: settingsNow,
    siteUrl,
    installations: new PostgresChatInstallations(dataSource),
    installLinks: new InstallLinks(linkSecret, INSTALL_LINK_LIFETIME_MS, clock),
    pacer: new PostgresCallPacer(dataSource),
  });
  // With no chat platform configured, events are at least logged (ids only).
  const fallback = platforms.length === 0 ? [new LoggingNotifier(logger)] : [];
  // Each platform tells each institution's events where that institution is connected (issue #17).
  const connected = platforms.map((platform) => platform.notifier);
  notifiers = [...connected, ...fallback];
  // R60.external: the rating e-mail goes out only where client e-mail does (the rating service asks the institution's mailbox).
  const ratingMail = new RatingMailConsumer(services.ratings, logger);
  consumers.push(new DeadlineScheduler(noticeQueue, (at) => scheduler.sweepAt(at)), new QualityFactsConsumer(dataSource, () => profiles.current().calendar), ...mail.consumers, ratingMail, ...connected, ...(overrides.notifiers ?? fallback));
  const quiet = async () => void (await Promise.all(platforms.map((platform) => platform.quiet?.())));
  const outbox = new OutboxDispatcher(dataSource, consumers, logger, { ...DEFAULT_DISPATCHER_OPTIONS, quiet, ...overrides.dispatcher });
  wakeDispatcher = () => outbox.wake();

  let schedulerRunning = false;
  const redact = secretRedactor(secretsOf(config));
  const withoutSecrets = <T>(value: T): T => JSON.parse(redact(JSON.stringify(value))) as T;
  // Until workspaces, tenants and pages are mapped to their institutions, every request is the first institution's.
  // A request names its institution by its address part (`/<short name>/…`, issue #17); the paths without one are the
  // first institution's (Slack and Teams name theirs by workspace and tenant).
  const http = new HttpServer(logger, () => FIRST_INSTITUTION, (part) => profiles.at(part));
  const health: HealthProbe = {
    database: () => dataSource.query('SELECT 1'),
    outbox: () => outbox.backlog(),
    schedulerRunning: () => schedulerRunning,
    // Least privilege (issue #15): a server's error quoted in the mailbox's state is cleared of every secret.
    mailbox: () => withoutSecrets(mail.health()),
    mailboxes: () => mail.readers.counts(),
    platforms: () => Object.fromEntries(platforms.map((platform) => [platform.name, platform.health()])),
  };
  http.route('GET', '/healthz', healthRoute(health, { stuckAfterSeconds: config.HEALTH_STUCK_AFTER_SECONDS }));
  mountLetters(http, { letters: mail.clientChannel, links: letterLinks, logger, timeZone: config.TIME_ZONE, letterhead: () => letterheadOf(settingsNow()), audit: services.audit });
  mountAttachments(http, { attachments, links: attachmentLinks, logger, audit: services.audit });
  mountReportExports(http, { links: reportLinks, quality: services.quality, staffMember: (id) => services.queries.staffMember(id), logger, audit: services.audit });
  mountAuditExport(http, { audit: services.audit, logger });
  mountSubjectAccess(http, { subjectAccess: services.subjectAccess, logger, timeZone: config.TIME_ZONE });
  mountRetentionList(http, { retention: services.retention, logger, timeZone: config.TIME_ZONE });
  // Issue #17, item 8: every institution's aggregates side by side, for the link `npm run city:link` signs.
  const city = new CityOverviewService(new PostgresCityQuality(dataSource), new CityLinks(linkSecret, CITY_LINK_DAYS * 24 * 3_600_000, clock), clock, config.TIME_ZONE);
  mountCityOverview(http, { city, logger, timeZone: config.TIME_ZONE });
  mountRatings(http, { ratings: services.ratings, logger, site: () => letterheadOf(settingsNow()) });
  if (config.WEB_FORM) {
    const site = () => publicSiteOf(settingsNow(), config.TIME_ZONE);
    // Issue #17: a page promises an acknowledgement only where its institution can send one.
    const acknowledgesByEmail = () => directory.sends(requireInstitution()) && !!settingsNow().signer;
    mountWebForm(http, { config, site, logger, inquiries, acknowledgesByEmail });
  }
  for (const platform of platforms) platform.mount(http);

  /** Requests first, then intake, then deliveries (they may still schedule jobs), then jobs, then the database. */
  const stop = async () => {
    clearInterval(reloadProfiles);
    await http.close();
    await mail.stop();
    await leases.close();
    // What is left undelivered waits in the outbox for the next start.
    await outbox.stop();
    for (const platform of platforms) await platform.stop();
    schedulerRunning = false;
    await scheduler.drain(5_000);
    await database.close();
  };
  let url: string;
  try {
    // The platforms' own work at start (a roster, a channel) is the first institution's.
    for (const platform of platforms) await inInstitution(FIRST_INSTITUTION, () => platform.start());
    await scheduler.start();
    schedulerRunning = true;
    outbox.start();
    await mail.start();
    url = await http.listen(config.PORT, config.HOST).catch((error: unknown) => {
      throw listenFailure(config, error);
    });
  } catch (error) {
    // Leave nothing running behind a failed start.
    await stop().catch((cleanup: unknown) => logger.warn({ err: cleanup }, 'cleanup after a failed start was incomplete'));
    throw error;
  }
  const port = new URL(url).port;
  logger.info({ address: `${config.HOST}:${port}`, url }, `listening on ${config.HOST}:${port}`);
  const mailOf = (institution: InstitutionId) => servicesOf({ messaging: mail.messaging, clientChannel: mail.clientChannel, intake: mail.intake }, institution);

  return {
    url,
    dataSource: await database.standingFor(FIRST_INSTITUTION),
    scheduler,
    noticeSweep,
    // The running app's own handle on its services is the first institution's; `forInstitution` gives another's.
    ...servicesOf(services, FIRST_INSTITUTION),
    forInstitution: (institution) => servicesOf(services, institution),
    notices: servingInstitution(notices, FIRST_INSTITUTION),
    outbox,
    mail: { ...mail, ...mailOf(FIRST_INSTITUTION) },
    mailFor: mailOf,
    letterLinks,
    attachmentLinks,
    stop,
  };
}

/** Each service as work of `institution`. */
function servicesOf<T extends object>(services: T, institution: InstitutionId): T {
  return Object.fromEntries(Object.entries(services).map(([name, service]) => [name, servingInstitution(service as object, institution)])) as T;
}

/** How often each instance reloads the institutions' settings, for changes saved on another instance. */
const PROFILE_RELOAD_MS = 60_000;

/**
 * The secret letter links are signed with: LETTER_LINK_SECRET, or else one made for this process — links then
 * end with it and open on this instance only, so an installation with several instances or frequent restarts sets one.
 */
function letterLinkSecret(config: Config, logger: Logger): string {
  if (config.LETTER_LINK_SECRET) return config.LETTER_LINK_SECRET;
  logger.warn('LETTER_LINK_SECRET is not set: links to printable letters are signed with a secret of this process and stop working when it restarts');
  return randomBytes(32).toString('hex');
}


/**
 * The client-facing services: client e-mail (acknowledgements, replies, intake of answers) and the answers
 * through the client's own channel (letters, status notes, meeting summaries, drafts), on one unit of work that
 * also reaches the client's e-mail conversation.
 */
function clientServices(
  config: Config,
  capabilities: Capabilities,
  unitOfWork: MessagingUnitOfWork,
  policy: DeadlinePolicy,
  clock: Clock,
  settings: () => EffectiveSettings,
  directory: MailboxDirectory,
) {
  const templates = new CatalogueTemplates(config.TIME_ZONE);
  const composer = new ClientEmailComposer(templates, clock, composedAs(settings, directory));
  const messaging = new ClientMessagingService(
    unitOfWork,
    templates,
    composer,
    policy,
    clock,
    signedAs(settings, {
      get enabled() {
        return capabilities.email;
      },
      maxAttachmentBytes: config.MAIL_MAX_ATTACHMENT_BYTES,
      maxMessageAttachmentBytes: config.MAIL_MAX_MESSAGE_ATTACHMENTS_BYTES,
    }),
  );
  const clientChannel = new ClientChannelService(
    unitOfWork,
    composer,
    templates,
    policy,
    clock,
    signedAs(settings, {
      get emailEnabled() {
        return capabilities.email;
      },
    }),
  );
  return { messaging, clientChannel };
}

/**
 * `options` with the name that signs a client e-mail, and who signs the acknowledgements (the signature rule), read
 * when the e-mail is written: the institution whose work it is, from its settings (issue #17).
 */
function signedAs<T extends object>(settings: () => EffectiveSettings, options: T): T & { readonly institution: string; readonly acknowledgementSigner: string | null } {
  return Object.defineProperties(options, {
    institution: { get: () => settings().name, enumerable: true },
    acknowledgementSigner: { get: () => settings().signer ?? null, enumerable: true },
  }) as T & { readonly institution: string; readonly acknowledgementSigner: string | null };
}

/** The first institution's mailbox from the environment, while it sets none of its own (issue #17). */
function environmentMailbox(config: Config): MailboxSettings | null {
  if (!config.IMAP_URL && !config.SMTP_URL) return null;
  return { imapUrl: config.IMAP_URL ?? null, imapFolder: config.IMAP_MAILBOX, smtpUrl: config.SMTP_URL ?? null, from: config.MAIL_FROM };
}

/**
 * How a client e-mail is composed in the institution whose work it is: signed as it (`signedAs`), its Message-ID in the
 * domain of its own sender — never another institution's (issue #17).
 */
function composedAs(settings: () => EffectiveSettings, directory: MailboxDirectory) {
  return signedAs(settings, {
    get messageIdDomain() {
      return /@([^>\s]+)/.exec(directory.all().get(requireInstitution())?.from ?? '')?.[1] ?? 'localhost';
    },
  });
}

/**
 * R60.external: client ratings on their own unit of work (the rating requests beside the client's conversation); the
 * e-mail with the score links is composed like every client e-mail and links to the public rating page.
 */
function ratingService(
  config: Config,
  unitOfWork: ReturnType<typeof ratingUnitOfWork>,
  policy: DeadlinePolicy,
  clock: Clock,
  settings: () => EffectiveSettings,
  siteUrl: () => string,
  directory: MailboxDirectory,
): RatingService {
  const templates = new CatalogueTemplates(config.TIME_ZONE);
  const composer = new ClientEmailComposer(templates, clock, composedAs(settings, directory));
  return new RatingService(unitOfWork, composer, templates, policy, clock, {
    get emailEnabled() {
      return directory.sends(requireInstitution());
    },
    sampleShare: config.RATING_SAMPLE_SHARE,
    cooldownDays: config.RATING_COOLDOWN_DAYS,
    // The institution's own address: its rating page is its work (issue #17).
    ratingUrl: (token, score) => `${siteUrl()}${RATING_PATH}/${token}?score=${score}`,
  });
}
