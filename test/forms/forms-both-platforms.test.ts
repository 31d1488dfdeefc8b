import { DateTime } from 'luxon';
import { FORMS, type FormId } from '../../src/bot/core/forms/index.js';
import { describeError } from '../../src/bot/core/describe-error.js';
import { translate } from '../../src/bot/core/i18n/index.js';
import { DomainError } from '../../src/domain/errors.js';
import type { TestApp } from '../support/app.js';
import { eventually, ManualClock } from '../support/app.js';
import { blockAction, choice, person, text, ticked, viewSubmission, when } from '../slack/support/payloads.js';
import { postInteraction } from '../slack/support/signed-requests.js';
import { startSlackHarness, type SlackHarness } from '../slack/support/slack-harness.js';
import { taskFetch, taskSubmit } from '../teams/support/activities.js';
import { fieldError } from '../teams/support/cards.js';
import { people, startTeams, type TeamsHarness } from '../teams/support/teams-app.js';

/**
 * The same form scenarios on both platforms (issue #12 step 6): one core specification and one error mapping,
 * so the fields that are refused, and the words beside them, are the same on Slack and on Teams.
 */

type Value = string | Date | null;
type Context = { inquiryId?: string; meetingId?: string };

interface FormDriver {
  readonly name: 'slack' | 'teams';
  readonly app: TestApp['app'];
  readonly onaId: string;
  /** Submits the form as Ona; the errors shown beside the fields, or null when it was accepted. */
  submit(form: FormId, context: Context, values: Record<string, Value>): Promise<Record<string, string> | null>;
  /** Opens the form from its button as Ona; the refusal she is told instead, or null when it opened. */
  open(form: FormId, context: Context): Promise<string | null>;
}

const ZONE = 'Europe/Vilnius';
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toJSDate();

function slackDriver(h: SlackHarness): FormDriver {
  const element = (form: FormId, id: string, value: Value) => {
    const kind = FORMS[form].spec.fields.find((field) => field.id === id)!.kind;
    if (kind === 'datetime') return when(value as Date | null);
    if (kind === 'choice') return choice(value as string | null);
    if (kind === 'toggle') return ticked(value === 'true');
    if (kind === 'staff') return person(value as string | null);
    return text(value as string | null);
  };
  return {
    name: 'slack',
    app: h.t.app,
    onaId: h.staff.ona.id,
    async submit(form, context, values) {
      const state = Object.fromEntries(Object.entries(values).map(([id, value]) => [id, element(form, id, value)]));
      const answer = await postInteraction(h.events, viewSubmission('UONA00001', form, state, context as Record<string, string>));
      return answer.text === '' ? null : (answer.json as { errors: Record<string, string> }).errors;
    },
    async open(form, context) {
      const value = context.meetingId ? `${context.inquiryId}:${context.meetingId}` : context.inquiryId!;
      const before = h.api.ok('chat.postMessage', (body) => body.channel === 'UONA00001').length;
      await postInteraction(h.events, blockAction('UONA00001', form, value));
      return eventually(() => {
        const opened = h.api.ok('views.open', (body) => body.view.callback_id === form && body.view.private_metadata.includes(context.inquiryId!));
        const told = h.api.ok('chat.postMessage', (body) => body.channel === 'UONA00001').slice(before);
        expect(opened.length + told.length).toBeGreaterThan(0);
        return opened.length > 0 ? null : (told[0]!.text as string);
      });
    },
  };
}

function teamsDriver(h: TeamsHarness): FormDriver {
  const dialog = (form: FormId) => (form === 'new_inquiry' ? 'new' : form);
  return {
    name: 'teams',
    app: h.t.app,
    onaId: h.staff.ona.id,
    async submit(form, context, values) {
      const data: Record<string, string> = {};
      for (const [id, value] of Object.entries(values)) {
        if (value instanceof Date) {
          const at = DateTime.fromJSDate(value, { zone: ZONE });
          data[`${id}Date`] = at.toFormat('yyyy-MM-dd');
          data[`${id}Time`] = at.toFormat('HH:mm');
        } else if (value !== null) data[id] = value;
      }
      const answer = await h.post(taskSubmit(h.connector.url, people.ona, { dialog: dialog(form), ...context, ...data }));
      if (answer.body?.task?.type !== 'continue') return null;
      const card = answer.body.task.value.card.content;
      const errors = FORMS[form].spec.fields.flatMap((field) => {
        const error = fieldError(card, field.id);
        return error === null ? [] : [[field.id, error] as const];
      });
      return Object.fromEntries(errors);
    },
    async open(form, context) {
      const answer = await h.post(taskFetch(h.connector.url, people.ona, { dialog: dialog(form), ...context }));
      return answer.body.task.type === 'message' ? (answer.body.task.value as string) : null;
    },
  };
}

let slack: SlackHarness;
let teams: TeamsHarness;
const drivers: FormDriver[] = [];

beforeAll(async () => {
  slack = await startSlackHarness({ clock: new ManualClock(new Date('2027-03-01T10:00:00+02:00')) });
  teams = await startTeams();
  drivers.push(slackDriver(slack), teamsDriver(teams));
});
afterAll(async () => {
  await slack?.stop();
  await teams?.stop();
});

/** An e-mailed inquiry claimed by Ona on the driver's app. */
async function onasInquiry(driver: FormDriver) {
  const { inquiry } = await driver.app.inquiries.register({
    kind: 'request', channel: 'email', externalId: `<forms-${driver.name}-${Math.random()}@example.com>`,
    client: { name: 'Petras Petraitis', email: 'petras@example.com', phone: null, language: 'lt' },
    subject: 'Dėl vietos grupėje', body: 'Laba diena', receivedAt: new Date('2027-03-01T09:00:00+02:00'),
  });
  return driver.app.inquiries.claim(inquiry.id, driver.onaId);
}

const REQUIRED = translate('lt', 'form.required');

describe.each(['slack', 'teams'] as const)('forms on %s', (platform) => {
  const driver = () => drivers.find((candidate) => candidate.name === platform)!;

  it('F01 R54.escalate-unresolved: a conflict escalated without a follow-up time and without what the client was told → errors beside followUpAt and clientToldWhat; nothing raised', async () => {
    const inquiry = await onasInquiry(driver());
    const errors = await driver().submit('escalate', { inquiryId: inquiry.id }, { type: 'conflict', whatHappened: 'Tėvai nepatenkinti', clientToldWhat: null, followUpAt: null });
    expect(errors).toEqual({ clientToldWhat: REQUIRED, followUpAt: REQUIRED });
    expect((await driver().app.queries.get(inquiry.id)).timeline.some((entry) => entry.action === 'escalated')).toBe(false);
  });

  it('F02 R7.channels (D27): a phone inquiry registered without an e-mail or a phone → the error beside client.phone', async () => {
    const errors = await driver().submit('new_inquiry', {}, {
      kind: 'question', channel: 'phone', 'client.name': 'Tomas Tomaitis', 'client.email': null, 'client.phone': null, 'client.language': 'lt', subject: 'Dėl maitinimo',
    });
    expect(errors).toEqual({ 'client.phone': REQUIRED });
  });

  it('F03 R31.callback: a first miss with a retry sooner than 30 minutes → the error beside retryAt names the minutes', async () => {
    const inquiry = await onasInquiry(driver());
    const errors = await driver().submit('log_call', { inquiryId: inquiry.id }, { outcome: 'no_answer', retryAt: local('2027-03-01T10:20') });
    expect(errors).toEqual({ retryAt: translate('lt', 'form.reason.too_soon', { minutes: 30 }) });
    expect((await driver().app.queries.get(inquiry.id)).timeline.some((entry) => entry.action === 'call_logged')).toBe(false);
  });

  it('F04 R45.meetings (D25): Record minutes on a meeting already minuted → refused before the form opens, privately', async () => {
    const { app, onaId } = driver();
    const inquiry = await onasInquiry(driver());
    const meeting = await app.meetings.plan(inquiry.id, onaId, { format: 'remote', startsAt: local('2027-03-01T12:00'), chairId: onaId, recorderId: (await app.queries.staffWithRole('manager'))[0]!.id, agenda: 'Grupė' });
    await app.meetings.recordMinutes(meeting.id, onaId, { decisions: 'Sprendimas' });
    const refusal = await driver().open('record_minutes', { inquiryId: inquiry.id, meetingId: meeting.id });
    expect(refusal).toBe(describeError(new DomainError('MEETING.INVALID_TRANSITION', 'held', { status: 'held' }), 'lt'));
  });
});

describe('form specifications', () => {
  it('take their limits from the domain schemas (R44.call-notes, R54.escalate-unresolved, R45.meetings, R7.channels)', () => {
    const limit = (form: FormId, id: string) => FORMS[form].spec.fields.find((field) => field.id === id)!.limit;
    expect(limit('escalate', 'whatHappened')).toEqual({ min: 1, max: 3000 });
    expect(limit('new_inquiry', 'client.email')).toEqual({ max: 320 });
    expect(limit('record_minutes', 'decisions')).toEqual({ min: 1, max: 5000 });
    expect(limit('log_call', 'clientExpectation')).toEqual({ max: 1000 });
  });
});
