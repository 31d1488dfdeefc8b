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
