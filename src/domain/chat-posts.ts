/**
 * Ports for what a chat platform remembers between events: where it showed something, and how to reach a person
 * or channel proactively. The platforms use them; src/persistence implements them.
 */

/** Where a platform showed something about an inquiry, so later events update it in place. */
export interface ChatPost {
  /** The platform's channel or conversation id. */
  channelId: string;
  /** The platform's id of the message within that channel. */
  messageId: string;
}

/** Storage of posted messages (announcements); survives restarts so cards stay live. */
export interface ChatPostStore {
  /** Remembers `post` as the one message with this `purpose` about the inquiry on `platform` (replaces an earlier one). */
  save(platform: string, inquiryId: string, purpose: string, post: ChatPost): Promise<void>;
  /** The message saved for this purpose, or null when none was. */
  find(platform: string, inquiryId: string, purpose: string): Promise<ChatPost | null>;
  /** Issue #15: every message saved about the inquiry on `platform` (card, keyed DMs, copies), oldest first. */
  all(platform: string, inquiryId: string): Promise<ChatPost[]>;
}

/** Storage of how to reach a person or channel proactively (Teams conversation references, Slack DM ids). */
export interface ConversationStore {
  /** Remembers `reference` (any JSON the platform needs) under `key`, replacing an earlier one. */
  save(platform: string, key: string, reference: unknown): Promise<void>;
  /** The reference saved under `key`, or null; the caller names the shape it saved. */
  find<T>(platform: string, key: string): Promise<T | null>;
}
