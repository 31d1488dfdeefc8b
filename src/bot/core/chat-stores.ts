/** Where a platform showed something about an inquiry, so later events update it in place. */
export interface ChatPost {
  channelId: string;
  messageId: string;
}

/** Storage of posted messages (announcements); survives restarts so cards stay live. */
export interface ChatPostStore {
  save(platform: string, inquiryId: string, purpose: string, post: ChatPost): Promise<void>;
  find(platform: string, inquiryId: string, purpose: string): Promise<ChatPost | null>;
}

/** Storage of how to reach a person or channel proactively (Teams conversation references, Slack DM ids). */
export interface ConversationStore {
  save(platform: string, key: string, reference: unknown): Promise<void>;
  find<T>(platform: string, key: string): Promise<T | null>;
}

