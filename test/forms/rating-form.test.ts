import type { RunningApp } from '../../src/app.js';
import { eventually } from '../support/app.js';
import { blockAction, choice, text, viewSubmission } from '../slack/support/payloads.js';
import { postInteraction } from '../slack/support/signed-requests.js';
import type { SlackHarness } from '../slack/support/slack-harness.js';
import { taskFetch, taskSubmit } from '../teams/support/activities.js';
import { people, type TeamsHarness } from '../teams/support/teams-app.js';
import { bothPlatforms } from './support/both-platforms.js';

/**
 * R60.external: the `record_rating` form, one core specification on both platforms — opened from the resolved phone
 * inquiry's card button, refused before it opens when the inquiry is not resolved or already rated (D25), and
 * submitted with a score and the client's comment.
 */
interface RatingFormDriver {
  readonly name: 'slack' | 'teams';
  readonly app: RunningApp;
  readonly onaId: string;
  /** Opens the form from its button as Ona: the refusal she is told instead, or null when it opened. */
  open(inquiryId: string): Promise<string | null>;
  /** Submits it as Ona: true when accepted (not shown again with errors beside the fields). */
  submit(inquiryId: string, score: string, comment: string): Promise<boolean>;
}

function slackDriver(h: SlackHarness): RatingFormDriver {
  return {
    name: 'slack',
    app: h.t.app,
    onaId: h.staff.ona.id,
    async open(inquiryId) {
      const before = h.api.ok('chat.postMessage', (body) => body.channel === 'UONA00001').length;
      const opened = () => h.api.ok('views.open', (body) => body.view.callback_id === 'record_rating' && body.view.private_metadata.includes(inquiryId));
      const openedBefore = opened().length;
      await postInteraction(h.events, blockAction('UONA00001', 'record_rating', inquiryId));
      return eventually(() => {
        const told = h.api.ok('chat.postMessage', (body) => body.channel === 'UONA00001').slice(before);
        expect(opened().length - openedBefore + told.length).toBeGreaterThan(0);
        return opened().length > openedBefore ? null : (told[0]!.text as string);
      });
    },
    async submit(inquiryId, score, comment) {
      const answer = await postInteraction(h.events, viewSubmission('UONA00001', 'record_rating', { score: choice(score), comment: text(comment) }, { inquiryId }));
      // Accepted: the modal closes, or shows the confirmation in its place; refused: the errors beside the fields.
      return answer.text === '' || (answer.json as { response_action?: string }).response_action !== 'errors';
    },
  };
}

function teamsDriver(h: TeamsHarness): RatingFormDriver {
  return {
    name: 'teams',
    app: h.t.app,
    onaId: h.staff.ona.id,
    async open(inquiryId) {
      const answer = await h.post(taskFetch(h.connector.url, people.ona, { dialog: 'record_rating', inquiryId }));
      return answer.body.task.type === 'message' ? (answer.body.task.value as string) : null;
    },
    async submit(inquiryId, score, comment) {
      const answer = await h.post(taskSubmit(h.connector.url, people.ona, { dialog: 'record_rating', inquiryId, score, comment }));
      return answer.body?.task?.type !== 'continue';
    },
  };
}

const drivers = bothPlatforms((slack, teams) => [slackDriver(slack), teamsDriver(teams)]);

/** Ona's phone client's inquiry, claimed and answered; resolved when asked. */
async function phoneInquiry(driver: RatingFormDriver, resolved: boolean): Promise<string> {
  const { inquiry } = await driver.app.inquiries.register({
    kind: 'question', channel: 'phone', externalId: null, registeredById: driver.onaId,
    client: { name: 'Rimas Rimkus', email: null, phone: '+37060000099', language: 'lt' },
    subject: 'Dėl vasaros', body: 'Paskambino', receivedAt: new Date('2027-03-01T09:00:00+02:00'),
  } as Parameters<RunningApp['inquiries']['register']>[0]);
  await driver.app.inquiries.claim(inquiry.id, driver.onaId);
  await driver.app.inquiries.recordFirstReply(inquiry.id, driver.onaId);
  if (resolved) await driver.app.inquiries.resolve(inquiry.id, driver.onaId);
  return inquiry.id;
}

describe('R60.external: the record_rating form on Slack and on Teams', () => {
  it('R60.external: refused before it opens while the inquiry is not resolved; opens, records 2 with the comment, then refuses a second rating', async () => {
    for (const driver of drivers) {
      const open = await phoneInquiry(driver, false);
      expect(await driver.open(open)).toContain('negalima');

      const inquiryId = await phoneInquiry(driver, true);
      expect(await driver.open(inquiryId)).toBeNull();
      expect(await driver.submit(inquiryId, '2', 'Klientas nepatenkintas laukimu')).toBe(true);
      const [rating] = await driver.app.ratings.ratingsOf(inquiryId);
      expect(rating).toMatchObject({ channel: 'staff', status: 'answered', score: 2, comment: 'Klientas nepatenkintas laukimu', recordedById: driver.onaId });
      expect(await driver.open(inquiryId)).toContain('jau įvertintas');
    }
  });
});
