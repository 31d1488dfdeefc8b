import type { TurnContext } from 'botbuilder';
import { isPersonalChat, type TeamsRouter } from '../router.js';
import type { TeamsServices } from '../services.js';
import { baseConversationId, rememberMember, tenantOf } from './install.js';

/**
 * Everyone who writes to the bot is remembered: a 1:1 chat is kept as is (the Emulator's chats count as 1:1),
 * a channel message teaches us the sender's Teams id; a message from the configured staff channel teaches us
 * where that channel lives.
 */
export function register(router: TeamsRouter, { references: conversations, staffChannel }: TeamsServices): void {
  router.observe(async (context: TurnContext) => {
    const activity = context.activity;
    const from = activity.from;
    if (!from || from.id === activity.recipient?.id) return;
    if (isPersonalChat(activity)) {
      await conversations.savePerson(from.aadObjectId ?? from.id, {
        serviceUrl: activity.serviceUrl,
        userId: from.id,
        tenantId: tenantOf(activity),
        botId: activity.recipient.id,
        conversationId: activity.conversation.id,
      });
      return;
    }
    await rememberMember(activity, from, conversations);
    const configuredChannel = staffChannel();
    if (configuredChannel && baseConversationId(activity.conversation.id) === configuredChannel) {
      await conversations.saveStaffChannel({
        serviceUrl: activity.serviceUrl,
        conversationId: configuredChannel,
        tenantId: tenantOf(activity),
        botId: activity.recipient.id,
      });
    }
  });
}
