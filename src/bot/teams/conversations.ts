import type { ConversationStore } from '../../domain/chat-posts.js';

export const PLATFORM = 'teams';
const STAFF_CHANNEL_KEY = 'staff_channel';
/** Beside the references, one small mark per keyed post (no AAD object id starts like this). */
const ANNOUNCING_KEY = 'announcing:';

/** The announcement keeps the key it always had, so marks written before this change still count. */
function markKey(inquiryId: string, purpose: string): string {
  return purpose === 'announcement' ? `${ANNOUNCING_KEY}${inquiryId}` : `${ANNOUNCING_KEY}${inquiryId}:${purpose}`;
}

interface AnnouncingMark {
  startedAt: string;
  recorded: boolean;
}

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

  /**
   * Marks that a keyed post (the announcement, an escalation DM) is about to be sent. Bot Framework offers no
   * history to look up afterwards, so this mark is all that tells a retry an earlier attempt may have reached
   * Teams; returns that attempt's start, or null when there was none (or it was recorded).
   */
  async startPosting(inquiryId: string, purpose: string): Promise<string | null> {
    const key = markKey(inquiryId, purpose);
    const earlier = await this.store.find<AnnouncingMark>(PLATFORM, key);
    await this.store.save(PLATFORM, key, { startedAt: new Date().toISOString(), recorded: false } satisfies AnnouncingMark);
    return earlier && !earlier.recorded ? earlier.startedAt : null;
  }

  /** The post's activity id is recorded: a later attempt has nothing to doubt. */
  async posted(inquiryId: string, purpose: string): Promise<void> {
    await this.store.save(PLATFORM, markKey(inquiryId, purpose), { startedAt: new Date().toISOString(), recorded: true } satisfies AnnouncingMark);
  }

  /** Keeps a known 1:1 conversation when the person is seen again without one (e.g. a team roster refresh). */
  async savePerson(aadObjectId: string, reference: PersonReference): Promise<void> {
    const known = reference.conversationId === null ? await this.person(aadObjectId) : null;
    await this.store.save(PLATFORM, aadObjectId, { ...reference, conversationId: reference.conversationId ?? known?.conversationId ?? null });
  }
}
