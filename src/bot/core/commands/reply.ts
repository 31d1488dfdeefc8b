import type { Capabilities } from '../../../domain/capabilities.js';
import type { Inquiry } from '../../../domain/inquiry.js';
import { fullName, type StaffMember } from '../../../domain/staff.js';
import { translate, type Language } from '../i18n/index.js';
import { buildInquiryCard, type CardAction, type InquiryCard } from '../inquiry-card.js';
import type { InquiryStory, StoryReading } from '../inquiry-story.js';
import type { ReportView } from '../reports/report-view.js';
import type { InquiryForm } from './intent.js';

/** One inquiry in a list: its card, a one-line summary in words, and the first useful button. */
export interface ListRow {
  card: InquiryCard;
  /** Status · reply deadline · owner, already in the reader's language. */
  summary: string;
  /** Claim while the inquiry waits for someone, else Open (the details). */
  action: CardAction;
}

/** Issue #17: the forms an admin opens by command, about the institution rather than an inquiry. */
export type AdminForm = 'institution_settings' | 'institution_mailbox' | 'staff_directory';

/** One line of the help: how the command is typed on this platform, and what it does. */
export interface GuideLine {
  example: string;
  meaning: string;
}

/**
 * What a command answers, privately, for each platform to render. A form is opened by the platform its own
 * way: Slack opens the modal at once, Teams sends a card with the button that opens the dialog.
 */
export type CommandReply =
  | { readonly kind: 'list'; readonly title: string; readonly rows: readonly ListRow[]; readonly empty: string }
  | { readonly kind: 'story'; readonly story: InquiryStory }
  | { readonly kind: 'form'; readonly form: 'new_inquiry' | AdminForm }
  | { readonly kind: 'form'; readonly form: InquiryForm; readonly inquiry: Inquiry }
  /** `help`: every command; `usage`: the lines of one word that was understood but incomplete. */
  | { readonly kind: 'help' | 'usage'; readonly title: string; readonly lines: readonly GuideLine[]; readonly note: string | null }
  | { readonly kind: 'text'; readonly text: string }
  /** R60.internal: the quality report the asker may see (src/bot/core/reports). */
  | { readonly kind: 'report'; readonly view: ReportView }
  /** A few words and one link only the asker may open (R12.records: the audit log's CSV). */
  | { readonly kind: 'link'; readonly text: string; readonly link: { readonly label: string; readonly url: string } };

/** Rows of a list, most pressing first as the domain returned them. */
export function listRows(
  items: ReadonlyArray<{ inquiry: Inquiry; owner: StaffMember | null }>,
  reading: StoryReading,
  capabilities: Capabilities,
): ListRow[] {
  const t = (key: Parameters<typeof translate>[1]) => translate(reading.language, key);
  return items.map(({ inquiry, owner }) => {
    const card = buildInquiryCard(inquiry, owner, reading.language, reading.now, reading.zone, capabilities);
    const due = card.fields.find((field) => field.label === t('card.reply_due'));
    const summary = [t(`status.${inquiry.status}`), ...(due ? [`${due.label}: ${due.value}`] : []), ...(owner ? [fullName(owner)] : [])].join(' · ');
    const action = card.actions.find((candidate) => candidate.id === 'claim') ?? { id: 'details' as const, label: t('action.open') };
    return { card, summary, action };
  });
}

export function listReply(title: string, rows: readonly ListRow[], language: Language): CommandReply {
  return { kind: 'list', title, rows, empty: translate(language, 'reply.no_inquiries') };
}
