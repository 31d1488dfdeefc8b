import type { Config } from '../config.js';
import type { ClientChannelService } from '../domain/client-channel.service.js';
import type { ClientMessagingService } from '../domain/client-messaging.service.js';
import type { InquiryService } from '../domain/inquiry.service.js';
import type { MailboxLease, MailboxMarks, MailIntakeFailures } from '../domain/mailbox.js';
import type { EventConsumer } from '../domain/notifier.js';
import type { Logger } from '../logger.js';
import { ClientMailConsumer } from './client-mail.consumer.js';
import type { ImapPoller, MailboxHealth } from './imap-poller.js';
import { MailIntake } from './intake.js';
import { MailerConsumer } from './mailer.consumer.js';
import type { MailboxDirectory } from './mailbox-directory.js';
import { MailboxReaders } from './mailbox-readers.js';
import { FIRST_INSTITUTION } from '../domain/institution.js';

/** What the mail adapters are given; the composition root (src/app.ts) builds the services and the stores. */
export interface MailDependencies {
  config: Config;
  logger: Logger;
  /** Registers an e-mail that starts a new inquiry. */
  inquiries: InquiryService;
  /** Client e-mail: acknowledgements, replies, and the messages the intake appends to a conversation. */
  messaging: ClientMessagingService;
  /** Letters, status notes, meeting summaries and drafts; handed back in `MailModule.clientChannel`. */
  clientChannel: ClientChannelService;
  /** Issue #17: every institution's mailbox in force; client e-mail goes out through it. */
  directory: MailboxDirectory;
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
   * The first institution's mailbox reader; null while it has no IMAP server. It reads only while this instance
   * holds the mailbox lease; `pollNow()` is a test seam that reads at once regardless.
   */
  readonly poller: ImapPoller | null;
  /** Every institution's mailbox readers on this instance. */
  readers: MailboxReaders;
  /** Outbox consumers to register with the app; each sends only for an institution with an SMTP server. */
  consumers: EventConsumer[];
  /** The first institution's mailbox, as /healthz shows it. */
  health(): MailboxHealth | { state: 'disabled' };
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The mail adapters (IMAP intake, SMTP delivery) for the services and stores the composition root built. */
export function createMail(deps: MailDependencies): MailModule {
  const { config, logger, messaging, clientChannel, directory } = deps;
  const intake = new MailIntake(deps.inquiries, messaging, logger);
  // The messaging service queues nothing for an institution without an SMTP server, so these pass its events over.
  const consumers = [new ClientMailConsumer(messaging), new MailerConsumer(messaging, directory, logger)];
  if (config.SMTP_URL && !config.MAIL_ACKNOWLEDGEMENT_SIGNER) logger.warn('MAIL_ACKNOWLEDGEMENT_SIGNER is not set: clients get no acknowledgement e-mail');
  const timings = { ...DEFAULT_MAIL_TIMINGS, ...deps.timings };
  const readers = new MailboxReaders(directory, {
    intake,
    marks: deps.mailbox.marks,
    failures: deps.mailbox.failures,
    lease: (identity) => deps.mailbox.lease(identity),
    pollMs: config.IMAP_POLL_SECONDS * 1000,
    leaseRetryMs: timings.leaseRetryMs,
    logger,
  });
  return {
    messaging,
    clientChannel,
    intake,
    get poller() {
      return readers.poller(FIRST_INSTITUTION);
    },
    readers,
    consumers,
    health: () => readers.health(FIRST_INSTITUTION) ?? { state: 'disabled' },
    start: () => readers.start(),
    async stop() {
      await readers.stop();
      directory.close();
    },
  };
}
