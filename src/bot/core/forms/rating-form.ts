import { NotOwnerError } from '../../../domain/errors.js';
import { assertCan, mayActOn } from '../../../domain/inquiry.js';
import { AlreadyRatedError, RATING_COMMENT_MAX, RATING_SCORES } from '../../../domain/rating.js';
import { translate } from '../i18n/index.js';
import { inquiryOf, optionalText, text, type FormUseCase } from './form-spec.js';

/**
 * R60.external: the owner (or a manager) records a phone or in-person client's rating of the service — a score
 * 1–5 and, optionally, the client's comment. Refused before it opens unless the inquiry is resolved or closed, the
 * caller may act on it and it has no rating yet (D25); the domain checks it all again. The comment goes to the
 * inquiry's timeline, never to a chat message; a score of 1–2 tells the owner's direct manager.
 */
export const recordRating: FormUseCase = {
  spec: {
    id: 'record_rating',
    title: 'form.record_rating.title',
    refusalField: 'score',
    fields: [
      {
        id: 'score',
        label: 'form.record_rating.score',
        kind: 'choice',
        required: true,
        expanded: true,
        choices: RATING_SCORES.map((score) => ({ value: String(score), label: `rating.score.${score}` as const })),
      },
      { id: 'comment', label: 'form.record_rating.comment', kind: 'multiline', required: false, hint: 'form.record_rating.comment_hint', limit: { max: RATING_COMMENT_MAX } },
    ],
  },
  async before(services, { actor }, target) {
    const inquiry = inquiryOf(target);
    assertCan(inquiry, 'record_rating');
    if (!mayActOn(inquiry, actor)) throw new NotOwnerError(inquiry.registryNumber, 'record a rating');
    const given = await services.ratings.ratingsOf(inquiry.id);
    const since = inquiry.resolvedAt?.getTime() ?? 0;
    if (given.some((request) => request.status === 'answered' && (request.answeredAt?.getTime() ?? 0) >= since)) throw new AlreadyRatedError(inquiry.registryNumber);
  },
  async submit(services, { actor, language }, target, values) {
    const score = text(values, 'score');
    const inquiry = await services.ratings.record(inquiryOf(target).id, actor.id, { score, comment: optionalText(values, 'comment') });
    return translate(language, 'reply.rating_recorded', { number: inquiry.registryNumber, score });
  },
};
