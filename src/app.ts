import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import type { Agenda } from 'agenda';
import type { DataSource } from 'typeorm';
import { LoggingNotifier } from './bot/logging-notifier.js';
import { createPlatforms } from './bot/platforms.js';
import { LithuanianHolidays } from './calendar/lithuanian-holidays.js';
import type { Config } from './config.js';
import { parseOfficeHours } from './domain/calendar/office-hours.js';
import { WorkingCalendar } from './domain/calendar/working-calendar.js';
import { systemClock, type Clock } from './domain/clock.js';
import { CallService } from './domain/call.service.js';
import { DeadlineNotices } from './domain/deadline-notices.js';
import { ExternalStepService } from './domain/external-step.service.js';
import { MeetingService } from './domain/meeting.service.js';
import { DeadlinePolicy } from './domain/deadline-policy.js';
import { EscalationService } from './domain/escalation.service.js';
import { InquiryQueries } from './domain/inquiry.queries.js';
import { InquiryService } from './domain/inquiry.service.js';
import type { EventConsumer } from './domain/notifier.js';
import type { DomainServices } from './domain/services.js';
import { StaffDirectory } from './domain/staff.service.js';
import { healthRoute } from './http/health.js';
import { HttpServer } from './http/server.js';
import { DeadlineScheduler } from './jobs/deadline-scheduler.js';
import { createScheduler } from './jobs/scheduler.js';
import type { Logger } from './logger.js';
import { createMail, type MailModule } from './mail/index.js';
import { openDatabase } from './persistence/data-source.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './persistence/embedded-database.js';
import { DEFAULT_DISPATCHER_OPTIONS, OutboxDispatcher, type OutboxDispatcherOptions } from './persistence/outbox.js';
import { TypeormChatPostStore, TypeormConversationStore } from './persistence/chat-stores.typeorm.js';
import { TypeormUnitOfWork } from './persistence/unit-of-work.typeorm.js';
import { mountWebForm } from './web/index.js';
import { mountLetters } from './web/letters.js';

/** Seams for tests: a fixed clock, extra consumers (recording notifiers), faster outbox polling. */
export interface AppOverrides {
  clock?: Clock;
  notifiers?: EventConsumer[];
  dispatcher?: Partial<OutboxDispatcherOptions>;
  schedulerProcessEvery?: string | number;
  schedulerLockLifetimeMs?: number;
}

export interface RunningApp extends DomainServices {
  url: string;
  dataSource: DataSource;
  scheduler: Agenda;
  notices: DeadlineNotices;
  outbox: OutboxDispatcher;
  /** E-mail with clients (intake, client e-mail); see docs/mail.md. */
  mail: MailModule;
  /** Drains jobs and deliveries under way, then closes everything it opened. */
  stop(): Promise<void>;
}

/** The service's database, migrated and open. */
export interface ConnectedDatabase {
  url: string;
  dataSource: DataSource;
  /** Closes the connections, then stops the embedded server if this call started one. */
  close(): Promise<void>;
}

/**
 * Opens the database the service uses: `DATABASE_URL`, or else the embedded PostgreSQL in `DATA_DIR`
 * (started here). Shared by `npm start` and the command-line tools so they always agree on it.
 */
export async function connectDatabase(config: Config, logger: Logger): Promise<ConnectedDatabase> {
  let embedded: EmbeddedDatabase | null = null;
  let url = config.DATABASE_URL;
  if (!url) {
    logger.info({ dataDir: config.DATA_DIR }, 'no DATABASE_URL: starting the embedded PostgreSQL');
    embedded = await startEmbeddedDatabase({
      dataDir: path.join(config.DATA_DIR, 'postgres'),
      port: config.EMBEDDED_POSTGRES_PORT,
      database: 'langelis',
      onLog: (line) => logger.debug({ postgres: line.trim() }, 'embedded postgres'),
    });
    url = embedded.url;
  }
  let dataSource: DataSource;
  try {
    dataSource = await openDatabase(url);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    url,
    dataSource,
    async close() {
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

/** The composition root: wires the domain to PostgreSQL, agenda and HTTP, and starts them. */
export async function startApp(config: Config, logger: Logger, overrides: AppOverrides = {}): Promise<RunningApp> {
  const clock = overrides.clock ?? systemClock;
  const database = await connectDatabase(config, logger);
  const { url: databaseUrl, dataSource } = database;

  const calendar = new WorkingCalendar(parseOfficeHours(config.OFFICE_HOURS, config.TIME_ZONE), new LithuanianHolidays());
  const policy = new DeadlinePolicy(calendar, {
    replyWorkingDays: config.REPLY_WORKING_DAYS,
    statutoryWorkingDays: config.STATUTORY_WORKING_DAYS,
    reminderLeadMinutes: config.REMINDER_LEAD_MINUTES,
    overdueOutsideOfficeHours: config.OVERDUE_OUTSIDE_OFFICE_HOURS,
    unclaimedAfterMinutes: config.UNCLAIMED_AFTER_MINUTES,
    callReminderLeadMinutes: config.CALL_REMINDER_LEAD_MINUTES,
    callbackMinMinutes: config.CALLBACK_MIN_MINUTES,
    meetingSummaryWorkingDays: config.MEETING_SUMMARY_WORKING_DAYS,
  });

  // The unit of work needs the consumers (to fan events out) and the dispatcher needs the unit of work's
  // services only indirectly, so the dispatcher is woken through a late-bound callback.
  let wakeDispatcher = (): void => undefined;
  const consumers: EventConsumer[] = [];
  const unitOfWork = new TypeormUnitOfWork(dataSource, consumers, () => wakeDispatcher());
  const notices = new DeadlineNotices(unitOfWork, policy, clock);
  const { agenda, start: startScheduler, drain: drainScheduler } = createScheduler(
    { databaseUrl, instanceName: `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`, processEvery: overrides.schedulerProcessEvery, lockLifetimeMs: overrides.schedulerLockLifetimeMs },
    notices,
    logger,
  );
  const commands = { unitOfWork, policy, clock };
  const services: DomainServices = {
    inquiries: new InquiryService(unitOfWork, policy, clock),
    calls: new CallService(commands),
    meetings: new MeetingService(commands),
    externalSteps: new ExternalStepService(commands),
    escalations: new EscalationService(unitOfWork, policy, clock),
    queries: new InquiryQueries(unitOfWork),
    staff: new StaffDirectory(unitOfWork),
  };
  const { inquiries } = services;
  const mail = createMail({ config, logger, clock, dataSource, policy, inquiries, consumers, afterCommit: () => wakeDispatcher() });
  const platforms = await createPlatforms({
    config,
    logger,
    clock,
    ...services,
    messaging: mail.messaging,
    clientChannel: mail.clientChannel,
    chatPosts: new TypeormChatPostStore(dataSource),
    conversations: new TypeormConversationStore(dataSource),
  });
  // With no chat platform configured, events are at least logged (ids only).
  const fallback = platforms.length === 0 ? [new LoggingNotifier(logger)] : [];
  consumers.push(new DeadlineScheduler(agenda), ...mail.consumers, ...platforms.map((platform) => platform.notifier), ...(overrides.notifiers ?? fallback));
  const outbox = new OutboxDispatcher(dataSource, consumers, logger, { ...DEFAULT_DISPATCHER_OPTIONS, ...overrides.dispatcher });
  wakeDispatcher = () => outbox.wake();

  let schedulerRunning = false;
  const http = new HttpServer(logger);
  http.route('GET', '/healthz', healthRoute(dataSource, outbox, { isRunning: () => schedulerRunning }, { mailbox: () => mail.health() }));
  mountLetters(http, mail.clientChannel, logger, config.TIME_ZONE);
  if (config.WEB_FORM) mountWebForm(http, { config, logger, inquiries, acknowledgesByEmail: mail.consumers.length > 0 && !!config.MAIL_ACKNOWLEDGEMENT_SIGNER });
  for (const platform of platforms) platform.mount(http);

  for (const platform of platforms) await platform.start();
  await startScheduler();
  schedulerRunning = true;
  outbox.start();
  mail.start();
  const url = await http.listen(config.PORT, config.HOST);
  logger.info({ url }, 'Langelis is listening');

  return {
    url,
    dataSource,
    scheduler: agenda,
    ...services,
    notices,
    outbox,
    mail,
    async stop() {
      await http.close();
      await mail.stop();
      // Deliveries first: they may still schedule jobs; what is left waits in the outbox for the next start.
      await outbox.stop();
      for (const platform of platforms) await platform.stop();
      schedulerRunning = false;
      await drainScheduler(30_000);
      await database.close();
    },
  };
}
