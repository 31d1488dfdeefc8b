import type { EventOf } from '../../../../domain/events.js';
import { LOW_SCORE_MAX } from '../../../../domain/rating.js';
import type { StaffMember } from '../../../../domain/staff.js';
import type { Notice, NoticeSnapshot, Text } from '../notice.js';
import { audienceOf } from '../reachability.js';
import { contactFacts, named, open, personOf, say, toPerson, type Rule } from './shapes.js';

/**
 * R60.external, client ratings. A rating is never news for the channel: no post, no thread note, whatever the
 * score. A score of 1–2 goes to the owner's direct manager alone, by DM, with Acknowledge and Open; 3–5 tells
 * nobody. The client's comment is never put into any chat message (it stays on the inquiry's timeline).
 */

/**
 * The manager's DM about a low score, keyed by the rating so the acknowledgement replaces its buttons in place:
 * the score, the inquiry's subject, the client and how to reach them (to follow up), the owner — no comment.
 */
function lowScoreCard(event: { inquiryId: string; registryNumber: string }, snapshot: NoticeSnapshot, manager: StaffMember, ratingId: string, score: number, outcome: Text | null): Notice {
  const { inquiry } = snapshot.inquiry;
  return toPerson(manager, {
    id: 'rating.low_score',
    tone: 'attention',
    mode: outcome ? 'update_only' : 'upsert',
    updateKey: { kind: 'rating', ratingId },
    text: say('notice.rated.low', { number: event.registryNumber, score, owner: named(inquiry.ownerId) }),
    facts: [
      { label: { key: 'card.subject' }, value: inquiry.subject },
      { label: { key: 'card.client' }, value: inquiry.client.name },
      ...contactFacts(inquiry),
    ],
    actions: outcome ? [] : [{ do: 'verb', verb: 'acknowledge_rating', inquiryId: event.inquiryId, style: 'primary' }, open(event.inquiryId)],
    ...(outcome ? { outcome } : {}),
  });
}

/** 1–2: the owner's direct manager (as the domain named them) where this platform reaches them; 3–5: nobody. */
const rated: Rule<'rated'> = (event, snapshot, { platform }) => {
  if (event.managerId === null || event.score > LOW_SCORE_MAX) return [];
  return audienceOf([personOf(snapshot, event.managerId)], platform).map((manager) => lowScoreCard(event, snapshot, manager, event.ratingId, event.score, null));
};

/** The manager acknowledged: their DM shows it in place of the buttons; nobody else is told. */
const acknowledged: Rule<'rating_acknowledged'> = (event, snapshot, { platform }) => {
  const outcome = say('notice.rated.acknowledged', { manager: named(event.managerId), number: event.registryNumber });
  return audienceOf([personOf(snapshot, event.managerId)], platform).map((manager) => lowScoreCard(event, snapshot, manager, event.ratingId, event.score, outcome));
};

/** Asking the client and voiding a request are records (R12.records), not news. */
const silent = (_event: EventOf<'rating_requested' | 'rating_voided'>): Notice[] => [];

export const ratingRules = {
  rating_requested: silent,
  rated,
  rating_voided: silent,
  rating_acknowledged: acknowledged,
};
