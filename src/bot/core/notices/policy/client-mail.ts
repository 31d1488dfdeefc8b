import { audienceOf, onlyReachableOn, reachableAnywhere } from '../reachability.js';
import { coveringNote } from './covering.js';
import { contactFacts, inThread, open, personOf, say, toPerson, type Rule } from './shapes.js';

/** A notice names what it is about in a line, not a page. */
const EXCERPT_LENGTH = 200;

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= EXCERPT_LENGTH ? line : `${line.slice(0, EXCERPT_LENGTH - 1)}…`;
}

/**
 * R4.owner: a follow-up from the client goes to the owner, not to the channel at large — wherever the owner can be
 * reached. With nobody to reach (no owner, an unknown id, inactive, no account on any platform switched on) the
 * card's thread hears it, so the team does (D22); so does a refusal on the owner's only platform (`fallback`).
 * The subject stands in for the message: no client text beyond it travels to chat.
 */
const clientMessageReceived: Rule<'client_message_received'> = (event, snapshot, { platform, platforms }) => {
  const text = say('notice.client_message', { number: event.registryNumber, excerpt: excerpt(snapshot.inquiry.inquiry.subject) });
  const note = inThread(event.inquiryId, { id: 'mail.client_wrote', text, actions: [open(event.inquiryId)] });
  // R4.owner: while the owner is away the domain names the substitute covering for them; older events name only the owner.
  const owner = personOf(snapshot, event.recipientId === undefined ? event.ownerId : event.recipientId);
  if (!reachableAnywhere(owner, platforms)) return [note];
  return audienceOf([owner], platform).map((person) => {
    // The owner may rather call back: the contacts are in the DM, never in the thread.
    const dm = toPerson(person, { id: 'mail.client_wrote', text, facts: contactFacts(snapshot.inquiry.inquiry), ...(event.coveringForId === undefined ? {} : { notes: coveringNote(event) }), actions: [open(event.inquiryId)] });
    return onlyReachableOn(person, platform, platforms) ? { ...dm, fallback: [note] } : dm;
  });
};

/**
 * Our e-mail did not leave (no signature, refused, retried): the staff member who sent it is told, if reachable (D1),
 * with the client's contacts — a wrong address shows, and they may call instead.
 */
const emailFailed: Rule<'email_failed'> = (event, snapshot, { platform }) =>
  audienceOf([personOf(snapshot, event.recipientId)], platform).map((person) =>
    toPerson(person, {
      id: 'mail.failed',
      tone: 'attention',
      text: say('notice.email_failed', { number: event.registryNumber }),
      facts: contactFacts(snapshot.inquiry.inquiry),
      actions: [open(event.inquiryId)],
    }),
  );

export const clientMailRules = { client_message_received: clientMessageReceived, email_failed: emailFailed };
