import type { Capabilities } from '../../domain/capabilities.js';
import { can, canEmailClient, isOpen, resolutionDue, type Inquiry, type InquiryAction } from '../../domain/inquiry.js';
import { ratedByStaff } from '../../domain/rating.js';
import type { StaffMember } from '../../domain/staff.js';
import { fullName } from '../../domain/staff.js';
import { contactHref } from './contact-links.js';
import { formatWhen } from './format-time.js';
import { translate, type Language } from './i18n/index.js';

export const CARD_ACTIONS = [
  'claim', 'details', 'log_call', 'reply_email', 'mark_replied', 'holding_reply', 'escalate', 'release',
  // Procedure workflows: offered under "more" by renderers that have little room.
  'schedule_call', 'plan_meeting', 'external_step', 'record_progress', 'write_letter', 'resolve', 'close',
  // R4.owner: to a named colleague, beside Release.
  'hand_over',
  // R60.external: a phone or in-person client's rating, recorded by staff once the inquiry is resolved.
  'record_rating',
] as const;
export type CardActionId = (typeof CARD_ACTIONS)[number];

export interface CardAction {
  id: CardActionId;
  label: string;
  style?: 'primary' | 'danger';
}

export interface CardField {
  label: string;
  value: string;
  /** A `tel:` or `mailto:` address: the value is a link (the client's contacts, for whoever may call them). */
  href?: string;
}

/**
 * What every platform shows about an inquiry, before it is rendered as Block Kit or an Adaptive Card.
 * Texts are plain: each renderer escapes them for its own markup (client text must never execute).
 */
export interface InquiryCard {
  inquiryId: string;
  registryNumber: string;
  title: string;
  subject: string;
  excerpt: string;
  fields: CardField[];
  owner: StaffMember | null;
  state: 'open' | 'overdue' | 'done';
  actions: CardAction[];
}

const EXCERPT_LENGTH = 500;

/** `capabilities`: what the deployment can do; "Reply by e-mail" needs e-mail (`canEmailClient`). */
export function buildInquiryCard(
  inquiry: Inquiry,
  owner: StaffMember | null,
  language: Language,
  now: Date,
  zone: string,
  capabilities: Capabilities,
): InquiryCard {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(language, key, params);
  const when = (at: Date) => formatWhen(at, language, now, zone);
  const overdue = isOpen(inquiry) && inquiry.firstReplyAt === null && inquiry.firstReplyDue.getTime() < now.getTime();
  const replyDue =
    inquiry.firstReplyAt !== null
      ? t('card.replied', { when: when(inquiry.firstReplyAt) })
      : `${when(inquiry.firstReplyDue)}${overdue ? ` (${t('card.overdue')})` : ''}`;
  const resolveBy = resolutionDue(inquiry);
  const fields: CardField[] = [
    { label: t('card.client'), value: inquiry.client.name },
    // Which ways to reach the client exist, not the numbers: the channel is read by everyone (issue #13).
    { label: t('card.contacts'), value: contactsGiven(inquiry, language) },
    { label: t('card.channel'), value: t(`channel.${inquiry.channel}`) },
    { label: t('card.received'), value: when(inquiry.receivedAt) },
    { label: t('card.reply_due'), value: replyDue },
    ...(resolveBy ? [{ label: t('card.resolve_by'), value: when(resolveBy) }] : []),
    { label: t('card.status'), value: t(`status.${inquiry.status}`) },
    { label: t('card.owner'), value: owner ? fullName(owner) : t('card.nobody') },
  ];
  return {
    inquiryId: inquiry.id,
    registryNumber: inquiry.registryNumber,
    title: t('card.title', { kind: t(`kind.${inquiry.kind}`), number: inquiry.registryNumber }),
    subject: inquiry.subject,
    excerpt: excerpt(inquiry.body),
    fields,
    owner,
    state: !isOpen(inquiry) ? 'done' : overdue ? 'overdue' : 'open',
    actions: actionsFor(inquiry, capabilities).map((id) => ({
      id,
      label: t(`action.${id}`),
      ...(id === 'claim' ? { style: 'primary' as const } : id === 'escalate' ? { style: 'danger' as const } : {}),
    })),
  };
}

/**
 * The client's phone and e-mail as links, in place of the card's "which contacts exist": for the owner and managers
 * in Details (R29.agreed-time: the number to dial where the call is made), never for the channel.
 */
export function withContacts(card: InquiryCard, { client }: Inquiry, language: Language): InquiryCard {
  const contacts: CardField[] = [
    ...(client.phone ? [{ label: translate(language, 'card.phone'), value: client.phone, href: contactHref('tel', client.phone) }] : []),
    ...(client.email ? [{ label: translate(language, 'card.email'), value: client.email, href: contactHref('mailto', client.email) }] : []),
  ];
  const summary = translate(language, 'card.contacts');
  return { ...card, fields: card.fields.flatMap((field) => (field.label === summary && contacts.length > 0 ? contacts : [field])) };
}

/** "phone, e-mail", "phone" or "none given": what the owner will find in the DMs and Details. */
function contactsGiven({ client }: Inquiry, language: Language): string {
  const given = [client.phone ? ('card.phone' as const) : null, client.email ? ('card.email' as const) : null].filter((key) => key !== null);
  return given.length === 0 ? translate(language, 'card.contacts.none') : given.map((key) => translate(language, key).toLocaleLowerCase(language)).join(', ');
}

/** The workflow actions a renderer may fold into a menu; the rest are the card's main buttons. */
export const SECONDARY_ACTIONS: ReadonlySet<CardActionId> = new Set(['schedule_call', 'plan_meeting', 'external_step', 'record_progress', 'write_letter', 'resolve', 'holding_reply', 'release', 'hand_over']);

/**
 * The domain action behind each button, checked against the transition table (`ALLOWED_FROM`); `null` for a
 * button that only shows. Listed in the order the card shows them: the first that apply are the main buttons.
 */
const CARD_ACTION_OF = {
  claim: 'claim',
  close: 'close',
  log_call: 'log_call',
  reply_email: 'first_reply',
  mark_replied: 'first_reply',
  escalate: 'escalate',
  details: null,
  schedule_call: 'plan_call',
  plan_meeting: 'plan_meeting',
  external_step: 'external_step',
  record_progress: 'record_progress',
  write_letter: 'write_letter',
  holding_reply: 'holding_reply',
  resolve: 'resolve',
  release: 'release',
  hand_over: 'hand_over',
  record_rating: 'record_rating',
} as const satisfies Record<CardActionId, InquiryAction | null>;

/** Beyond the table: e-mail must reach the client, and a reply already given is not marked again. */
const ALSO_NEEDS: Partial<Record<CardActionId, (inquiry: Inquiry, capabilities: Capabilities) => boolean>> = {
  reply_email: canEmailClient,
  mark_replied: (inquiry) => inquiry.firstReplyAt === null,
  // R4.owner: an inquiry nobody owns is claimed from the card; a manager assigns it from the manager on duty's DM.
  hand_over: (inquiry) => inquiry.ownerId !== null,
  // R60.external: e-mail and web clients rate from the e-mail; phone and in-person ones tell staff.
  record_rating: ratedByStaff,
};

/** No dead buttons: only what the domain allows now is offered. */
function actionsFor(inquiry: Inquiry, capabilities: Capabilities): CardActionId[] {
  return (Object.keys(CARD_ACTION_OF) as CardActionId[]).filter((id) => {
    const action = CARD_ACTION_OF[id];
    return (action === null || can(inquiry, action)) && (ALSO_NEEDS[id]?.(inquiry, capabilities) ?? true);
  });
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT_LENGTH ? flat : `${flat.slice(0, EXCERPT_LENGTH - 1)}…`;
}
