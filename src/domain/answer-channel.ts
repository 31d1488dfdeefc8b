import type { ClientEmailPurpose } from './client-message.js';
import { DomainError } from './errors.js';
import type { Inquiry } from './inquiry.js';

/** What the answer check reads of a timeline entry (kept structural: the timeline's port depends on events). */
interface Entry {
  action: string;
  details: Record<string, unknown>;
}

/** How the institution answers a client: in writing by e-mail or by letter, or orally (a call or a meeting). */
export const ANSWER_CHANNELS = ['email', 'letter', 'oral'] as const;
export type AnswerChannel = (typeof ANSWER_CHANNELS)[number];

/** E-mails that answer the client (an acknowledgement or a holding reply does not). */
const ANSWERING_EMAILS: readonly ClientEmailPurpose[] = ['reply', 'call_summary', 'status', 'meeting_summary'];

/**
 * R55.same-channel: a complaint is answered the way it came — e-mail (or the web form, written electronically)
 * by e-mail, a letter in writing, a call or a visit orally. Other inquiries may be answered any way.
 * A written complaint from the web form without an e-mail address is still answered in writing: by letter,
 * posted to the address the form then asks for (src/web/submission.ts).
 */
export function requiredAnswerChannel(inquiry: Pick<Inquiry, 'kind' | 'channel'> & { client?: Pick<Inquiry['client'], 'email'> }): AnswerChannel | null {
  if (inquiry.kind !== 'complaint') return null;
  switch (inquiry.channel) {
    case 'email':
      return 'email';
    case 'web':
      return inquiry.client && !inquiry.client.email ? 'letter' : 'email';
    case 'letter':
      return 'letter';
    case 'phone':
    case 'in_person':
      return 'oral';
  }
}

/**
 * R19.status: the channel the client is told things through — the one a complaint must be answered in (R55),
 * else paper for a letter, e-mail when the client left an address, and a call otherwise.
 */
export function clientChannelOf(inquiry: Pick<Inquiry, 'kind' | 'channel' | 'client'>): AnswerChannel {
  return requiredAnswerChannel(inquiry) ?? (inquiry.channel === 'letter' ? 'letter' : inquiry.client.email ? 'email' : 'oral');
}

/** The channels the client has been answered through, read from the inquiry's timeline. */
export function answeredThrough(timeline: readonly Entry[]): Set<AnswerChannel> {
  const channels = new Set<AnswerChannel>();
  for (const { action, details } of timeline) {
    if (action === 'email_requested' && ANSWERING_EMAILS.includes(details.purpose as ClientEmailPurpose)) channels.add('email');
    if (action === 'letter_issued') channels.add('letter');
    if (action === 'meeting_held') channels.add('oral');
    if (action === 'call_logged' && (details.call as { outcome?: string } | undefined)?.outcome === 'reached') channels.add('oral');
  }
  return channels;
}

/** R55.same-channel: refuses to finish a complaint not answered the way it came, naming the channel owed. */
export function assertAnsweredInSameChannel(inquiry: Inquiry, timeline: readonly Entry[]): void {
  const required = requiredAnswerChannel(inquiry);
  if (required === null) return;
  const given = answeredThrough(timeline);
  if (given.has(required)) return;
  throw new DomainError('INQUIRY.WRONG_ANSWER_CHANNEL', `Complaint ${inquiry.registryNumber} must be answered by ${required}`, {
    registryNumber: inquiry.registryNumber,
    required,
    given: [...given].join(', '),
  });
}
