import { TeamsInfo, type TurnContext } from 'botbuilder';
import { StaffNotFoundError } from '../../../domain/errors.js';
import type { StaffMember } from '../../../domain/staff.js';
import { parseCommand, type InquiryForm, type PersonRef } from '../../core/commands/intent.js';
import type { CommandReply } from '../../core/commands/reply.js';
import { runCommand } from '../../core/commands/run-command.js';
import { translate, type MessageKey } from '../../core/i18n/index.js';
import type { PlatformContext } from '../../platform.js';
import { dialogLauncherCard, guideCard, listCard } from '../cards/list-cards.js';
import type { AdaptiveCard } from '../cards/elements.js';
import type { TeamsRouter, Turn } from '../router.js';
import { cardActivity } from '../surface.js';
import { storyView } from '../views.js';

/** A message cannot open a dialog: the command's form comes as a card whose button opens it. */
const LAUNCHERS: Record<InquiryForm, { action: MessageKey; prompt: MessageKey }> = {
  log_call: { action: 'action.log_call', prompt: 'teams.call.prompt' },
  schedule_call: { action: 'action.schedule_call', prompt: 'teams.launch.prompt' },
  plan_meeting: { action: 'action.plan_meeting', prompt: 'teams.launch.prompt' },
  external_step: { action: 'action.external_step', prompt: 'teams.launch.prompt' },
  record_progress: { action: 'action.record_progress', prompt: 'teams.launch.prompt' },
  write_letter: { action: 'action.write_letter', prompt: 'teams.launch.prompt' },
};

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
    await turn.context.sendActivity(reply.kind === 'text' ? reply.text : cardActivity(replyCard(reply, turn)));
  });
}

function replyCard(reply: Exclude<CommandReply, { kind: 'text' }>, turn: Turn): AdaptiveCard {
  const t = (key: MessageKey, params?: Record<string, string>) => translate(turn.language, key, params);
  switch (reply.kind) {
    case 'list':
      return listCard(reply.title, reply.rows, reply.empty);
    case 'story':
      return storyView(reply.story, turn.language);
    case 'help':
    case 'usage':
      return guideCard(reply);
    case 'form': {
      if (reply.form === 'new_inquiry') return dialogLauncherCard(t('teams.new.prompt'), t('form.new.title'), 'new', {});
      const launcher = LAUNCHERS[reply.form];
      const title = t(launcher.action);
      return dialogLauncherCard(t(launcher.prompt, { number: reply.inquiry.registryNumber, action: title }), title, reply.form, { inquiryId: reply.inquiry.id });
    }
  }
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
