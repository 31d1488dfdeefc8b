import { TeamsInfo, type TurnContext } from 'botbuilder';
import { DomainError } from '../../../domain/errors.js';
import { fullName, type StaffMember } from '../../../domain/staff.js';
import type { StaffDirectory } from '../../../domain/staff.service.js';
import { translate } from '../../core/i18n/index.js';
import type { Turn } from '../router.js';

interface MentionEntity {
  type: string;
  mentioned?: { id?: string; aadObjectId?: string };
}

/**
 * `staff position|phone|language <value>`: my own profile (validated by the staff directory).
 * `staff manager @member @manager`: who receives a member's escalations (admins and the head).
 * Returns false for anything else, so the caller shows the help.
 */
export async function staffCommand(turn: Turn, argument: string, staff: StaffDirectory): Promise<boolean> {
  const [field = '', ...rest] = argument.split(' ');
  const value = rest.join(' ').trim();
  if (field === 'position' || field === 'phone' || field === 'language') {
    const updated = await staff.updateProfile(turn.actor.id, turn.actor.id, { [field]: value });
    await turn.context.sendActivity(translate(updated.language, 'reply.profile_saved'));
    return true;
  }
  if (field !== 'manager') return false;
  const [memberAad, managerAad] = await mentionedPeople(turn.context);
  if (!memberAad || !managerAad) {
    throw new DomainError('INPUT.INVALID', 'Two people are needed', { fields: [{ path: 'manager', message: 'required' }] });
  }
  const member: StaffMember = await staff.findByTeamsUser(memberAad);
  const manager: StaffMember = await staff.findByTeamsUser(managerAad);
  await staff.setManager(turn.actor.id, member.id, manager.id);
  await turn.context.sendActivity(translate(turn.language, 'reply.manager_set', { member: fullName(member), manager: fullName(manager) }));
  return true;
}

/** The AAD object ids of the people @mentioned (not the bot), in order; Teams' roster fills in missing ids. */
async function mentionedPeople(context: TurnContext): Promise<string[]> {
  const mentions = (context.activity.entities ?? []) as MentionEntity[];
  const ids: string[] = [];
  for (const mention of mentions) {
    const userId = mention.mentioned?.id;
    if (mention.type !== 'mention' || !userId || userId === context.activity.recipient.id) continue;
    const aad = mention.mentioned?.aadObjectId ?? (await TeamsInfo.getMember(context, userId)).aadObjectId;
    if (aad) ids.push(aad);
  }
  return ids;
}
