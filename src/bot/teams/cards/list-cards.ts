import type { Inquiry } from '../../../domain/inquiry.js';
import { fullName, type StaffMember } from '../../../domain/staff.js';
import { formatWhen } from '../../core/format-time.js';
import { translate, type Language } from '../../core/i18n/index.js';
import { actionSet, adaptiveCard, execute, heading, note, openDialog, plain, type AdaptiveCard, type CardElement } from './elements.js';
import { INQUIRY_VERBS } from './inquiry-cards.js';

/** A short list of inquiries (mine, search results), each with a Details button. */
export function listCard(
  title: string,
  items: Array<{ inquiry: Inquiry; owner: StaffMember | null }>,
  language: Language,
  now: Date,
  zone: string,
): AdaptiveCard {
  if (items.length === 0) return adaptiveCard([heading(title), note(translate(language, 'reply.no_inquiries'))]);
  const rows: CardElement[] = items.map(({ inquiry, owner }) => ({
    type: 'Container',
    separator: true,
    items: [
      note(`**${inquiry.registryNumber}** · ${translate(language, `status.${inquiry.status}`)} · ${translate(language, 'card.reply_due')}: ${formatWhen(inquiry.firstReplyDue, language, now, zone)}${owner ? ` · ${fullName(owner)}` : ''}`),
      plain(inquiry.subject),
      actionSet([execute(translate(language, 'action.details'), INQUIRY_VERBS.details, { inquiryId: inquiry.id, view: 'details' })]),
    ],
  }));
  return adaptiveCard([heading(title), ...rows]);
}

export function helpCard(language: Language): AdaptiveCard {
  return adaptiveCard([heading(translate(language, 'help.title')), note(translate(language, 'teams.help.body'))]);
}

/** Messages cannot open a dialog by themselves: a card with the button that does. */
export function dialogLauncherCard(text: string, buttonTitle: string, dialog: string, data: Record<string, unknown>): AdaptiveCard {
  return adaptiveCard([note(text)], [openDialog(buttonTitle, dialog, data, 'positive')]);
}
