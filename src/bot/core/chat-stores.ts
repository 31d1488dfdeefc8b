// The ports moved to src/domain/chat-posts.ts, where src/persistence can reach them. This re-export keeps the
// platform folders' imports as they are until they are reworked (issue #12, step 9): then import from the domain
// and delete this file.
export type { ChatPost, ChatPostStore, ConversationStore } from '../../domain/chat-posts.js';
