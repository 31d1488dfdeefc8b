import type { ConversationStore } from '../core/chat-stores.js';

export const PLATFORM = 'teams';
const STAFF_CHANNEL_KEY = 'staff_channel';

/** Where the staff channel lives: enough to post, reply in threads and update cards proactively. */
export interface StaffChannel {
  serviceUrl: string;
  conversationId: string;
  tenantId: string | null;
  botId: string;
}

/**
 * How to reach one person: the Teams user id (29:…) under their AAD object id, and once a 1:1 chat with
 * the bot exists, its conversation id (created on first need, then kept).
 */
export interface PersonReference {
  serviceUrl: string;
  userId: string;
  tenantId: string | null;
  botId: string;
  conversationId: string | null;
}

/** The Teams side of the conversation store, persisted in PostgreSQL so proactive messages survive restarts. */
export class TeamsConversations {
  constructor(private readonly store: ConversationStore) {}

  staffChannel(): Promise<StaffChannel | null> {
    return this.store.find<StaffChannel>(PLATFORM, STAFF_CHANNEL_KEY);
  }

  saveStaffChannel(channel: StaffChannel): Promise<void> {
    return this.store.save(PLATFORM, STAFF_CHANNEL_KEY, channel);
  }

  person(aadObjectId: string): Promise<PersonReference | null> {
    return this.store.find<PersonReference>(PLATFORM, aadObjectId);
  }

  /** Keeps a known 1:1 conversation when the person is seen again without one (e.g. a team roster refresh). */
  async savePerson(aadObjectId: string, reference: PersonReference): Promise<void> {
    const known = reference.conversationId === null ? await this.person(aadObjectId) : null;
    await this.store.save(PLATFORM, aadObjectId, { ...reference, conversationId: reference.conversationId ?? known?.conversationId ?? null });
  }
}
