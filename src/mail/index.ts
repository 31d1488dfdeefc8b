import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import { ClientChannelService } from '../domain/client-channel.service.js';
import { ClientEmailComposer } from '../domain/client-email-composer.js';
import { ClientMessagingService } from '../domain/client-messaging.service.js';
import type { Clock } from '../domain/clock.js';
import type { DeadlinePolicy } from '../domain/deadline-policy.js';
import type { InquiryService } from '../domain/inquiry.service.js';
import type { EventConsumer } from '../domain/notifier.js';
import type { Logger } from '../logger.js';
import { PostgresMailboxLease } from '../persistence/mailbox-lease.postgres.js';
import { MailIntakeFailures } from '../persistence/mail-intake-failures.js';
import { MailboxMarks } from '../persistence/mailbox-marks.js';
import { messagingUnitOfWork } from '../persistence/messaging-unit-of-work.typeorm.js';
import { ClientMailConsumer } from './client-mail.consumer.js';
import { ImapPoller, parseImapUrl, type MailboxHealth } from './imap-poller.js';
import { MailIntake } from './intake.js';
import { MailerConsumer } from './mailer.consumer.js';
import { SingleMailboxReader } from './single-reader.js';
import { SmtpMailer } from './smtp-mailer.js';
import { CatalogueTemplates } from './templates/index.js';

export interface MailDependencies {
  config: Config;
  logger: Logger;
  clock: Clock;
  dataSource: DataSource;
  policy: DeadlinePolicy;
  inquiries: InquiryService;
  /** The app's consumer list (filled later) and its dispatcher wake-up, shared with the core's unit of work. */
  consumers: readonly Pick<EventConsumer, 'name' | 'accepts'>[];
  afterCommit: () => void;
  /** Test seam: shorter intervals than production's. */
  timings?: Partial<MailTimings>;
}

/** Intervals of the mailbox intake that are not configuration (tests shorten them). */
export interface MailTimings {
  /**
   * How often a standby instance tries to take the mailbox over, and the reader confirms its lease: a stopped
   * reader is replaced within this time. Keep it well under a minute.
   */
  leaseRetryMs: number;
}

export const DEFAULT_MAIL_TIMINGS: MailTimings = { leaseRetryMs: 15_000 };

/** E-mail with clients: intake from IMAP, client e-mail through SMTP, the domain service between them. */
export interface MailModule {
  messaging: ClientMessagingService;
  /** Answers through the client's own channel: letters, status notes, meeting summaries, drafts. */
  clientChannel: ClientChannelService;
  intake: MailIntake;
  /**
   * Null without IMAP_URL. It reads only while this instance holds the mailbox lease; `pollNow()` is a test
   * seam that reads at once regardless.
   */
  poller: ImapPoller | null;
  /** Outbox consumers to register with the app (none without SMTP_URL). */
  consumers: EventConsumer[];
  health(): MailboxHealth | { state: 'disabled' };
  start(): void;
  stop(): Promise<void>;
}

export function createMail(deps: MailDependencies): MailModule {
  const { config, logger } = deps;
  const unitOfWork = messagingUnitOfWork(deps.dataSource, deps.consumers, deps.afterCommit);
  const templates = new CatalogueTemplates(config.TIME_ZONE);
  const composer = new ClientEmailComposer(templates, deps.clock, {
    institution: config.INSTITUTION_NAME,
    messageIdDomain: /@([^>\s]+)/.exec(config.MAIL_FROM)?.[1] ?? 'localhost',
  });
  const messaging = new ClientMessagingService(unitOfWork, templates, composer, deps.policy, deps.clock, {
    enabled: config.SMTP_URL !== undefined,
    institution: config.INSTITUTION_NAME,
    acknowledgementSigner: config.MAIL_ACKNOWLEDGEMENT_SIGNER ?? null,
    maxAttachmentBytes: config.MAIL_MAX_ATTACHMENT_BYTES,
    maxMessageAttachmentBytes: config.MAIL_MAX_MESSAGE_ATTACHMENTS_BYTES,
  });
  const clientChannel = new ClientChannelService(unitOfWork, composer, templates, deps.policy, deps.clock, {
    emailEnabled: config.SMTP_URL !== undefined,
    institution: config.INSTITUTION_NAME,
  });
  const intake = new MailIntake(deps.inquiries, messaging, logger);
  const smtp = config.SMTP_URL ? new SmtpMailer(config.SMTP_URL, config.MAIL_FROM) : null;
  const consumers = smtp ? [new ClientMailConsumer(messaging), new MailerConsumer(messaging, smtp, logger)] : [];
  if (smtp && !config.MAIL_ACKNOWLEDGEMENT_SIGNER) logger.warn('MAIL_ACKNOWLEDGEMENT_SIGNER is not set: clients get no acknowledgement e-mail');
  const timings = { ...DEFAULT_MAIL_TIMINGS, ...deps.timings };
  let poller: ImapPoller | null = null;
  let reader: SingleMailboxReader | null = null;
  if (config.IMAP_URL) {
    const server = parseImapUrl(config.IMAP_URL);
    poller = new ImapPoller(
      {
        ...server,
        mailbox: config.IMAP_MAILBOX,
        pollMs: config.IMAP_POLL_SECONDS * 1000,
        baseBackoffMs: 1_000,
        maxBackoffMs: 5 * 60_000,
      },
      intake,
      new MailboxMarks(deps.dataSource),
      new MailIntakeFailures(deps.dataSource),
      logger,
    );
    // Every instance configured with the same mailbox computes the same identity, whatever else differs.
    const identity = [server.host.toLowerCase(), server.port, server.user, config.IMAP_MAILBOX].join('\n');
    reader = new SingleMailboxReader(poller, PostgresMailboxLease.forDataSource(deps.dataSource, identity, logger), timings.leaseRetryMs, logger);
  }
  return {
    messaging,
    clientChannel,
    intake,
    poller,
    consumers,
    health: () => reader?.health() ?? { state: 'disabled' },
    start: () => reader?.start(),
    async stop() {
      await reader?.stop();
      smtp?.close();
    },
  };
}
