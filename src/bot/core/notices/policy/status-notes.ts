import { clientChannelOf } from '../../../../domain/answer-channel.js';
import type { EventOf } from '../../../../domain/events.js';
import type { Fact, Notice, NoticeContext, NoticeSnapshot } from '../notice.js';
import { audienceOf } from '../reachability.js';
import { inThread, open, personOf, say, toPerson, type Rule } from './shapes.js';

/**
 * R19.status: whoever recorded a result or decision is offered, with one click, to pass it to the client through
 * the client's channel; the fact is labelled on every platform (D14).
 */
export function offerToInform(
  event: EventOf<'progress_recorded' | 'external_decision_recorded'>,
  fact: Fact,
  snapshot: NoticeSnapshot,
  { platform }: NoticeContext,
): Notice[] {
  const via = clientChannelOf(snapshot.inquiry.inquiry);
  return audienceOf([personOf(snapshot, event.actorId)], platform).map((actor) =>
    toPerson(actor, {
      id: 'status.offer',
      kind: 'workflow',
      text: say('notice.progress_offer', { number: event.registryNumber, via: { key: `answer.${via}` } }),
      facts: [fact],
      actions: [{ do: 'inform_client', inquiryId: event.inquiryId, noteId: event.noteId, style: 'primary' }, open(event.inquiryId)],
    }),
  );
}

/** R19.status: an intermediate result or decision, labelled with its stage. */
const progressRecorded: Rule<'progress_recorded'> = (event, snapshot, context) =>
  offerToInform(event, { label: { key: `form.progress.${event.stage}` }, value: event.note }, snapshot, context);

/**
 * R19.status: the team sees the client was told (thread, one key for every platform); the owner is messaged only
 * when someone else told the client — the one who did saw their click's outcome (D16).
 */
const clientInformed: Rule<'client_informed'> = (event, snapshot, { platform }) => {
  const text = say('notice.client_informed', { number: event.registryNumber, via: { key: `answer.${event.via}` } });
  const { ownerId } = snapshot.inquiry.inquiry;
  const owner = ownerId === event.actorId ? undefined : personOf(snapshot, ownerId);
  return [
    inThread(event.inquiryId, { id: 'client.informed', text }),
    ...audienceOf([owner], platform).map((person) => toPerson(person, { id: 'client.informed', text, actions: [open(event.inquiryId)] })),
  ];
};

/**
 * R55.same-channel: the letter's author gets the link to the printable page, and only here — the Write letter
 * form just closes (D17). A letter that carries a status note (R19.status) was asked for with "Inform the client":
 * that click's answer replaces the clicked message with the outcome and this same link, so the notice stays
 * silent and the link is shown exactly once (D6). The author, not the owner: whoever wrote it prints and posts it.
 */
const letterIssued: Rule<'letter_issued'> = (event, snapshot, { platform }) => {
  const letter = snapshot.inquiry.letters.find((candidate) => candidate.id === event.letterId);
  if (letter?.noteId) return [];
  return audienceOf([personOf(snapshot, letter?.authorId ?? event.actorId)], platform).map((author) =>
    toPerson(author, {
      id: 'letter.ready',
      kind: 'workflow',
      text: say('reply.letter_issued', { number: event.registryNumber }),
      actions: [{ do: 'link', label: 'action.open_letter', url: snapshot.letterUrl(event.letterId, author.id), style: 'primary' }, open(event.inquiryId)],
    }),
  );
};

export const statusNoteRules = { progress_recorded: progressRecorded, client_informed: clientInformed, letter_issued: letterIssued };
