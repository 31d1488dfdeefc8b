import { translate } from '../../src/bot/core/i18n/index.js';
import type { RunningApp } from '../../src/app.js';
import { eventually } from '../support/app.js';
import { blockAction, person, viewSubmission } from '../slack/support/payloads.js';
import { postInteraction } from '../slack/support/signed-requests.js';
import type { SlackHarness } from '../slack/support/slack-harness.js';
import { taskFetch, taskSubmit } from '../teams/support/activities.js';
import { fieldError } from '../teams/support/cards.js';
import { people, type TeamsHarness } from '../teams/support/teams-app.js';
import { bothPlatforms, onasInquiry as claimedByOna } from './support/both-platforms.js';

/**
 * R4.owner: the hand_over form, one core specification rendered on both platforms — a person picker (Slack: a
 * member; Teams: a choice of the active staff), required, refused before it opens to whoever may not hand it over.
 */
type Who = 'ona' | 'jonas';

interface HandOverDriver {
  readonly name: 'slack' | 'teams';
  readonly app: RunningApp;
  readonly ids: Record<'ona' | 'jonas' | 'manager', string>;
  /** Submits as `by`, handing to `to` (null: nobody picked); the errors beside the fields, or null when accepted. */
  submit(by: Who, inquiryId: string, to: 'jonas' | 'manager' | null): Promise<Record<string, string> | null>;
  /** Opens the form from its button as `by`; the refusal told instead, or null when it opened. */
  open(by: Who, inquiryId: string): Promise<string | null>;
}

function slackDriver(h: SlackHarness): HandOverDriver {
  const member = { ona: 'UONA00001', jonas: 'UJONAS001', manager: 'UMANAGER1' } as const;
  return {
    name: 'slack',
    app: h.t.app,
    ids: { ona: h.staff.ona.id, jonas: h.staff.jonas.id, manager: h.staff.manager.id },
    async submit(by, inquiryId, to) {
      const answer = await postInteraction(h.events, viewSubmission(member[by], 'hand_over', { toStaffId: person(to ? member[to] : null) }, { inquiryId }));
      // Accepted: an empty ack, or the modal updated to the confirmation; refused: errors beside the fields.
      const json = answer.text === '' ? null : (answer.json as { response_action?: string; errors?: Record<string, string> });
      return json?.response_action === 'errors' ? json.errors! : null;
    },
    async open(by, inquiryId) {
      const told = () => h.api.ok('chat.postMessage', (body) => body.channel === member[by]);
      const before = told().length;
      await postInteraction(h.events, blockAction(member[by], 'hand_over', inquiryId));
      return eventually(() => {
        const opened = h.api.ok('views.open', (body) => body.view.callback_id === 'hand_over' && body.view.private_metadata.includes(inquiryId));
        const refused = told().slice(before);
        expect(opened.length + refused.length).toBeGreaterThan(0);
        return refused.length > 0 ? (refused[0]!.text as string) : null;
      });
    },
  };
}

function teamsDriver(h: TeamsHarness): HandOverDriver {
  return {
    name: 'teams',
    app: h.t.app,
    ids: { ona: h.staff.ona.id, jonas: h.staff.jonas.id, manager: h.staff.manager.id },
    async submit(by, inquiryId, to) {
      const answer = await h.post(taskSubmit(h.connector.url, people[by], { dialog: 'hand_over', inquiryId, ...(to ? { toStaffId: h.staff[to].id } : {}) }));
      if (answer.body?.task?.type !== 'continue') return null;
      const error = fieldError(answer.body.task.value.card.content, 'toStaffId');
      const errors: Record<string, string> = error === null ? {} : { toStaffId: error };
      return errors;
    },
    async open(by, inquiryId) {
      const answer = await h.post(taskFetch(h.connector.url, people[by], { dialog: 'hand_over', inquiryId }));
      return answer.body.task.type === 'message' ? (answer.body.task.value as string) : null;
    },
  };
}

const drivers = bothPlatforms<HandOverDriver>((slack, teams) => [slackDriver(slack), teamsDriver(teams)]);

const onasInquiry = (driver: HandOverDriver) => claimedByOna(driver.app, driver.ids.ona, `hand-over-${driver.name}`);

describe.each(['slack', 'teams'] as const)('the hand_over form on %s', (platform) => {
  const driver = () => drivers.find((candidate) => candidate.name === platform)!;

  it('R4.owner: ona hands her inquiry to jonas → jonas owns it, and the handover is audited under ona', async () => {
    const inquiry = await onasInquiry(driver());
    expect(await driver().submit('ona', inquiry.id, 'jonas')).toBeNull();
    const { inquiry: stored, timeline } = await driver().app.queries.get(inquiry.id);
    expect(stored.ownerId).toBe(driver().ids.jonas);
    expect(timeline.filter((entry) => entry.action === 'handed_over').map((entry) => [entry.actorId, entry.details])).toEqual([
      [driver().ids.ona, { fromId: driver().ids.ona, toId: driver().ids.jonas }],
    ]);
  });

  it('R4.owner: nobody picked → "required" beside the person; nothing handed over', async () => {
    const inquiry = await onasInquiry(driver());
    expect(await driver().submit('ona', inquiry.id, null)).toEqual({ toStaffId: translate('lt', 'form.required') });
    expect((await driver().app.queries.get(inquiry.id)).inquiry.ownerId).toBe(driver().ids.ona);
  });

  it('R4.owner: jonas (neither the owner nor a manager) is refused before the form opens; the owner and the manager may open it', async () => {
    const inquiry = await onasInquiry(driver());
    expect(await driver().open('jonas', inquiry.id)).toBe(translate('en', 'error.INQUIRY.NOT_OWNER'));
    expect(await driver().open('ona', inquiry.id)).toBeNull();
  });
});
