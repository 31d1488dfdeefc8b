/**
 * Ports of the mailbox intake: what src/mail needs to remember about the mailbox it reads, implemented on
 * PostgreSQL by src/persistence and handed over by the composition root.
 */

/**
 * The right to be the only instance that reads one mailbox. Two instances reading the same mailbox would
 * not register a message twice (Message-IDs keep the registration single), but they would race on the
 * UID mark and double the IMAP traffic; one reader, with a standby that takes over, keeps it simple.
 */
export interface MailboxLease {
  /**
   * Takes the lease if it is free, or confirms that this instance still holds it.
   * Resolves false (never rejects) when another instance holds it or the store cannot be reached.
   */
  tryAcquire(): Promise<boolean>;
  /** `listener` runs when a held lease is lost without `release()` (the store dropped our session). */
  onLost(listener: () => void): void;
  /** Gives the lease up so a standby can take it at its next try; safe to call when not held. */
  release(): Promise<void>;
}

/** How far the IMAP intake has read one mailbox; valid only while the mailbox keeps its UIDVALIDITY. */
export interface MailboxMark {
  uidValidity: string;
  lastUid: number;
}

/** The IMAP high-water mark, kept beside the inquiries so "processed" means "its inquiry is committed". */
export interface MailboxMarks {
  /** The mark of `mailbox`, or null before its first message was processed. */
  get(mailbox: string): Promise<MailboxMark | null>;
  /** Moves the mark of `mailbox` (or sets it after a UIDVALIDITY change). */
  set(mailbox: string, mark: MailboxMark): Promise<void>;
}

/** One e-mail the intake gave up on; see the mail_intake_failures migration. */
export interface MailIntakeFailure {
  mailbox: string;
  uidValidity: string;
  uid: number;
  /** A hash of the Message-ID, never the message's own words. */
  messageIdHash: string;
  /** A code an admin can look up (`INPUT.INVALID`, a domain error's code, `db:22021`), never an error's text. */
  reason: string;
}

/** The record of e-mails that could not be registered, so one bad message never holds up the ones after it. */
export interface MailIntakeFailures {
  /** Idempotent: a message read again after a crash keeps its first record. */
  record(failure: MailIntakeFailure): Promise<void>;
  /** How many messages of `mailbox` were given up on (shown by /healthz). */
  count(mailbox: string): Promise<number>;
  /** True when the store answers at all: tells "it is down" apart from "this message broke a query". */
  reachable(): Promise<boolean>;
  /** Failures not yet told on `platform`, oldest first. */
  untold(platform: string, limit: number): Promise<Array<MailIntakeFailure & { firstSeenAt: Date }>>;
  /** Marks a failure told on `platform`; idempotent. */
  told(platform: string, failure: MailIntakeFailure): Promise<void>;
}
