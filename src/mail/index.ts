import type { Config } from '../config.js';
import type { ClientChannelService } from '../domain/client-channel.service.js';
import type { ClientMessagingService } from '../domain/client-messaging.service.js';
import type { InquiryService } from '../domain/inquiry.service.js';
import type { MailboxLease, MailboxMarks, MailIntakeFailures } from '../domain/mailbox.js';
import type { EventConsumer } from '../domain/notifier.js';
import type { Logger } from '../logger.js';
import { ClientMailConsumer } from './client-mail.consumer.js';
import { ImapPoller, parseImapUrl, type MailboxHealth } from './imap-poller.js';
import { MailIntake } from './intake.js';
import { MailerConsumer } from './mailer.consumer.js';
import { SingleMailboxReader } from './single-reader.js';
import { SmtpMailer } from './smtp-mailer.js';
import type { InstitutionId } from '../domain/institution.js';

/** What the mail adapters are given; the composition root (src/app.ts) builds the services and the stores. */
export interface MailDependencies {
  config: Config;
  /** Issue #17: the institution whose mailbox the environment names. */
  institution: InstitutionId;
  logger: Logger;
  /** Registers an e-mail that starts a new inquiry. */
  inquiries: InquiryService;
  /** Client e-mail: acknowledgements, replies, and the messages the intake appends to a conversation. */
  messaging: ClientMessagingService;
  /** Letters, status notes, meeting summaries and drafts; handed back in `MailModule.clientChannel`. */
  clientChannel: ClientChannelService;
  /** Where the IMAP intake keeps its progress, the messages it gave up on and the right to read. */
  mailbox: MailboxStores;
  /** Test seam: shorter intervals than production's. */
  timings?: Partial<MailTimings>;
}

/** The IMAP intake's stores (PostgreSQL in production). */
export interface MailboxStores {
  marks: MailboxMarks;
  failures: MailIntakeFailures;
  /** The lease of the mailbox named by `identity`, the same for every instance configured with that mailbox. */
  lease(identity: string): MailboxLease;
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

/** E-mail with clients: intake from IMAP and client e-mail through SMTP, around the domain services it was given. */
export interface MailModule {
  /** The service it was given, handed back for the app's callers. */
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

/** The mail adapters (IMAP intake, SMTP delivery) for the services and stores the composition root built. */
export function createMail(deps: MailDependencies): MailModule {
  const { config, logger, messaging, clientChannel } = deps;
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
        institution: deps.institution,
        mailbox: config.IMAP_MAILBOX,
        pollMs: config.IMAP_POLL_SECONDS * 1000,
        baseBackoffMs: 1_000,
        maxBackoffMs: 5 * 60_000,
      },
      intake,
      deps.mailbox.marks,
      deps.mailbox.failures,
      logger,
    );
    // Every instance configured with the same mailbox computes the same identity, whatever else differs.
    const identity = [server.host.toLowerCase(), server.port, server.user, config.IMAP_MAILBOX].join('\n');
    reader = new SingleMailboxReader(poller, deps.mailbox.lease(identity), timings.leaseRetryMs, logger);
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
