import type { DataSource } from 'typeorm';
import type { ChatPost, ChatPostStore, ConversationStore } from '../domain/chat-posts.js';

export class TypeormChatPostStore implements ChatPostStore {
  constructor(private readonly db: DataSource) {}

  async save(platform: string, inquiryId: string, purpose: string, post: ChatPost): Promise<void> {
    await this.db.query(
      `INSERT INTO chat_posts (platform, inquiry_id, purpose, channel_id, message_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (platform, inquiry_id, purpose) DO UPDATE SET channel_id = EXCLUDED.channel_id, message_id = EXCLUDED.message_id`,
      [platform, inquiryId, purpose, post.channelId, post.messageId],
    );
  }

  async find(platform: string, inquiryId: string, purpose: string): Promise<ChatPost | null> {
    const [row] = await this.db.query(
      'SELECT channel_id, message_id FROM chat_posts WHERE platform = $1 AND inquiry_id = $2 AND purpose = $3',
      [platform, inquiryId, purpose],
    );
    return row ? { channelId: row.channel_id, messageId: row.message_id } : null;
  }

  async all(platform: string, inquiryId: string): Promise<ChatPost[]> {
    const rows: Array<{ channel_id: string; message_id: string }> = await this.db.query(
      'SELECT channel_id, message_id FROM chat_posts WHERE platform = $1 AND inquiry_id = $2 ORDER BY created_at, purpose',
      [platform, inquiryId],
    );
    return rows.map((row) => ({ channelId: row.channel_id, messageId: row.message_id }));
  }
}

export class TypeormConversationStore implements ConversationStore {
  constructor(private readonly db: DataSource) {}

  async save(platform: string, key: string, reference: unknown): Promise<void> {
    await this.db.query(
      `INSERT INTO conversation_references (platform, key, reference) VALUES ($1, $2, $3)
       ON CONFLICT (institution_id, platform, key) DO UPDATE SET reference = EXCLUDED.reference, updated_at = now()`,
      [platform, key, JSON.stringify(reference)],
    );
  }

  async find<T>(platform: string, key: string): Promise<T | null> {
    const [row] = await this.db.query('SELECT reference FROM conversation_references WHERE platform = $1 AND key = $2', [platform, key]);
    return row ? (row.reference as T) : null;
  }
}
