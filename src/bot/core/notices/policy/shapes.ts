import type { EventOf, InquiryEventType } from '../../../../domain/events.js';
import type { EscalationSnapshot } from '../../../../domain/inquiry.queries.js';
import type { StaffMember } from '../../../../domain/staff.js';
import type { MessageKey } from '../../i18n/index.js';
import type { Inquiry } from '../../../../domain/inquiry.js';
import type { Audience, Fact, Notice, NoticeAction, NoticeContext, NoticeSnapshot, Text, TextParam } from '../notice.js';

/** The policy for one event type: pure, the same inputs always give the same notices, in delivery order. */
export type Rule<T extends InquiryEventType> = (event: EventOf<T>, snapshot: NoticeSnapshot, context: NoticeContext) => Notice[];

/** What a rule says about a notice; the rest has the usual defaults (a plain note, posted, no facts, no buttons). */
type Parts = Pick<Notice, 'id' | 'text'> & Partial<Omit<Notice, 'id' | 'text' | 'audience'>>;

function notice(audience: Audience, parts: Parts): Notice {
  return { kind: 'note', mode: 'post', tone: 'info', facts: [], actions: [], ...parts, audience };
}

export const say = (key: MessageKey, params: Readonly<Record<string, TextParam>>): Text => ({ key, params });

export const toPerson = (person: StaffMember, parts: Parts): Notice => notice({ to: 'person', staffId: person.id }, parts);

/** A message in the staff channel about no inquiry. */
export const toChannel = (parts: Parts): Notice => notice({ to: 'channel' }, parts);

/** A note the whole team sees, under the inquiry's card. */
export const inThread = (inquiryId: string, parts: Parts): Notice => notice({ to: 'thread', inquiryId }, parts);

/**
 * The inquiry's card in the staff channel, always `upsert` (drift D8): a redelivered event updates the card it
 * posted, and a platform switched on after the inquiry was registered posts it at its next change.
 */
export function announcement(event: { inquiryId: string; registryNumber: string }, snapshot: NoticeSnapshot): Notice {
  const { kind } = snapshot.inquiry.inquiry;
  return notice(
    { to: 'announcement', inquiryId: event.inquiryId },
    { id: 'inquiry.card', kind: 'inquiry_card', mode: 'upsert', updateKey: { kind: 'announcement' }, text: say('card.title', { kind: { key: `kind.${kind}` }, number: event.registryNumber }) },
  );
}

export const open = (inquiryId: string): NoticeAction => ({ do: 'open', inquiryId });

/**
 * The client's phone and e-mail, as links, for DMs to the one person acting on the inquiry (the owner, the
 * manager): R29.agreed-time — the number to dial is where the call is asked for. Never in the channel.
 */
export function contactFacts({ client }: Pick<Inquiry, 'client'>): Fact[] {
  return [
    ...(client.phone ? [{ label: { key: 'card.phone' }, value: client.phone, link: 'tel' } as const] : []),
    ...(client.email ? [{ label: { key: 'card.email' }, value: client.email, link: 'mailto' } as const] : []),
  ];
}

/** The staff member behind an id the event names; absent when the id is null or unknown to the directory. */
export function personOf(snapshot: NoticeSnapshot, id: string | null): StaffMember | undefined {
  return id === null ? undefined : snapshot.people.get(id);
}

/** A person as a text parameter: their name when known, a dash when nobody acted. */
export const named = (id: string | null): TextParam => (id === null ? '—' : { person: id });

/** The escalation an escalation event is about; the loader always loads it for these events. */
export function escalationOf(snapshot: NoticeSnapshot): EscalationSnapshot {
  if (snapshot.escalation === null) throw new Error('notice policy: an escalation event needs the escalation in its snapshot');
  return snapshot.escalation;
}
