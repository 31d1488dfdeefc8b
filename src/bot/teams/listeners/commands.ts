import { TeamsInfo, type TurnContext } from 'botbuilder';
import { StaffNotFoundError } from '../../../domain/errors.js';
import type { StaffMember } from '../../../domain/staff.js';
import { parseCommand, type PersonRef } from '../../core/commands/intent.js';
import { runCommand } from '../../core/commands/run-command.js';
import type { PlatformContext } from '../../platform.js';
import { commandCard } from '../render/command.js';
import type { TeamsRouter } from '../router.js';
import { cardActivity } from '../surface.js';

interface MentionEntity {
  type: string;
  mentioned?: { id?: string; aadObjectId?: string };
}

/** Commands by @mention in a channel or plainly in the 1:1 chat, understood and carried out by the core. */
export function register(router: TeamsRouter, context: PlatformContext): void {
  router.onMessage(async (turn, text) => {
    const caller = {
      actor: turn.actor,
      language: turn.language,
      syntax: { prefix: `@${turn.activity.recipient?.name || 'Langelis'}`, byMention: true },
      staffOf: (person: PersonRef) => staffOf(turn.context, person, context),
    };
    const reply = await runCommand(parseCommand(text, mentionsIn(turn.context)), caller, context);
    await turn.context.sendActivity(reply.kind === 'text' ? reply.text : cardActivity(commandCard(reply, turn.language)));
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
