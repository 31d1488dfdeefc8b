import { TeamsInfo, type TurnContext } from 'botbuilder';
import { StaffNotFoundError } from '../../../domain/errors.js';
import type { StaffMember } from '../../../domain/staff.js';
import { parseCommand, type PersonRef } from '../../core/commands/intent.js';
import { rememberAnswer } from '../../core/commands/answer-copies.js';
import { placeAnswer } from '../../core/commands/privacy.js';
import { runCommand } from '../../core/commands/run-command.js';
import type { PlatformContext } from '../../platform.js';
import { commandCard } from '../render/command.js';
import { isPersonalChat, type TeamsRouter } from '../router.js';
import type { TeamsServices } from '../services.js';
import { cardActivity } from '../surface.js';

interface MentionEntity {
  type: string;
  mentioned?: { id?: string; aadObjectId?: string };
}

/**
 * Commands by @mention in a channel or plainly in the 1:1 chat, understood and carried out by the core. The core also
 * decides where the answer may stand (issue #15, R4.owner): typed in the channel, an answer about a family goes to the
 * asker's 1:1 chat and the channel gets only a pointer to it, never the data.
 */
export function register(router: TeamsRouter, context: TeamsServices): void {
  router.onMessage(async (turn, text) => {
    const caller = {
      actor: turn.actor,
      language: turn.language,
      syntax: { prefix: `@${turn.activity.recipient?.name || 'Langelis'}`, byMention: true },
      staffOf: (person: PersonRef) => staffOf(turn.context, person, context),
    };
    const intent = parseCommand(text, mentionsIn(turn.context));
    const reply = await runCommand(intent, caller, context);
    const placed = placeAnswer(intent, reply, isPersonalChat(turn.activity) ? 'private' : 'shared', turn.language);
    // Issue #15 item 2: a Teams answer stays in the chat, so the id it got back is handed to the core, which remembers it
    // as a copy of the inquiries it quotes (anonymisation edits it). The channel's pointer quotes nothing.
    if (placed.where === 'here') {
      const answered = await turn.context.sendActivity(reply.kind === 'text' ? reply.text : cardActivity(commandCard(reply, turn.language)));
      if (answered?.id) await rememberAnswer(context, 'teams', reply, { channelId: turn.activity.conversation.id, messageId: answered.id });
      return;
    }
    const sent = await context.sendToPerson(turn.actor, commandCard(placed.reply, turn.language));
    if (sent.ok) await rememberAnswer(context, 'teams', placed.reply, sent.post);
    await turn.context.sendActivity(sent.ok ? placed.pointer : placed.unreachable);
  });
}

/** The people @mentioned (not the bot), in order. */
function mentionsIn(context: TurnContext): PersonRef[] {
  return mentionEntities(context).flatMap((mention) => (mention.mentioned?.id ? [{ platformUserId: mention.mentioned.id }] : []));
}

function mentionEntities(context: TurnContext): MentionEntity[] {
  const entities = (context.activity.entities ?? []) as MentionEntity[];
  return entities.filter((entity) => entity.type === 'mention' && entity.mentioned?.id !== context.activity.recipient?.id);
}

/** Teams' mentions may carry only the `29:` id: the roster fills in the AAD object id the staff directory knows. */
async function staffOf(turnContext: TurnContext, person: PersonRef, context: PlatformContext): Promise<StaffMember> {
  const mentioned = mentionEntities(turnContext).find((mention) => mention.mentioned?.id === person.platformUserId)?.mentioned;
  const aad = mentioned?.aadObjectId ?? (await TeamsInfo.getMember(turnContext, person.platformUserId)).aadObjectId;
  if (!aad) throw new StaffNotFoundError(`Teams user ${person.platformUserId}`);
  return context.staff.findByTeamsUser(aad);
}
