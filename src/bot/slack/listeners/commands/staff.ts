import { DomainError } from '../../../../domain/errors.js';
import { fullName } from '../../../../domain/staff.js';
import { translate } from '../../../core/i18n/index.js';
import type { CommandContext } from './command-context.js';
import { help } from './help.js';

/** Slack escapes mentions in command text as `<@U123|name>` (the manifest asks for it); a bare id works too. */
const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>|\b([UW][A-Z0-9]{6,})\b/g;

function mentionedUsers(text: string): string[] {
  return [...text.matchAll(MENTION)].map((match) => (match[1] ?? match[2])!);
}

/**
 * `/inquiry staff position|phone|language <value>`: my own profile (validated by the staff directory).
 * `/inquiry staff manager @member @manager`: who receives a member's escalations (admins and the head).
 */
export async function staff(context: CommandContext): Promise<void> {
  const [field = '', ...rest] = context.args.split(/\s+/);
  const value = rest.join(' ').trim();
  const { services, actor } = context;
  if (field === 'position' || field === 'phone' || field === 'language') {
    const updated = await services.staff.updateProfile(actor.id, actor.id, { [field]: value });
    return context.reply(translate(updated.language, 'reply.profile_saved'));
  }
  if (field === 'manager') {
    const [memberUser, managerUser] = mentionedUsers(value);
    if (!memberUser || !managerUser) {
      throw new DomainError('INPUT.INVALID', 'Two people are needed', { fields: [{ path: 'manager', message: 'required' }] });
    }
    const member = await services.staff.findBySlackUser(memberUser);
    const manager = await services.staff.findBySlackUser(managerUser);
    await services.staff.setManager(actor.id, member.id, manager.id);
    return context.reply(translate(actor.language, 'reply.manager_set', { member: fullName(member), manager: fullName(manager) }));
  }
  return help(context);
}
