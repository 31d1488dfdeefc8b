import { DateTime } from 'luxon';
import { FORMS, type FormId } from '../../src/bot/core/forms/index.js';
import { describeError } from '../../src/bot/core/describe-error.js';
import { translate } from '../../src/bot/core/i18n/index.js';
import { DomainError } from '../../src/domain/errors.js';
import type { TestApp } from '../support/app.js';
import { eventually } from '../support/app.js';
import { blockAction, choice, person, slashCommand, text, ticked, viewSubmission, when } from '../slack/support/payloads.js';
import { postCommand, postInteraction } from '../slack/support/signed-requests.js';
import type { SlackHarness } from '../slack/support/slack-harness.js';
import { taskFetch, taskSubmit } from '../teams/support/activities.js';
import { fieldError } from '../teams/support/cards.js';
import { people, type TeamsHarness } from '../teams/support/teams-app.js';
import { bothPlatforms, onasInquiry as claimedByOna } from './support/both-platforms.js';

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
  /** How a staff field names Ona and Vida (a Slack member, a Teams choice of the staff directory). */
  readonly people: { readonly ona: string; readonly manager: string };
  /** Submits the form as Ona; the errors shown beside the fields, or null when it was accepted. */
  submit(form: FormId, context: Context, values: Record<string, Value>): Promise<Record<string, string> | null>;
  /** Opens the form from its button as Ona; the refusal she is told instead, or null when it opened. */
  open(form: FormId, context: Context): Promise<string | null>;
  /** The fields of the form as Ona sees it opened, by field id: the label shown, whether the platform enforces it, the choices' words. */
  shown(form: FormId, context: Context): Promise<Record<string, Shown>>;
  /** Everything the opened form says, as the platform sent it (for texts outside the fields). */
  whole(form: FormId, context: Context): Promise<string>;
}

interface Shown {
  readonly label: string;
  /** Everything the field says about itself: its label and, on Slack, the hint below it. */
  readonly says: string;
  readonly enforced: boolean;
  readonly choices?: readonly string[];
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
    people: { ona: 'UONA00001', manager: 'UMANAGER1' },
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
    async shown(form, context) {
      const before = h.api.ok('views.open', (body) => body.view.callback_id === form).length;
      if (form === 'new_inquiry') await postCommand(h.events, slashCommand('UONA00001', 'new', `${h.api.url}/hooks/new`));
      else await postInteraction(h.events, blockAction('UONA00001', form, context.inquiryId!));
      const view = await eventually(() => {
        const opened = h.api.ok('views.open', (body) => body.view.callback_id === form).slice(before);
        expect(opened).toHaveLength(1);
        return opened[0]!.view;
      });
      return Object.fromEntries(view.blocks.filter((block: any) => block.type === 'input').map((block: any) => [block.block_id, {
        label: block.label.text, says: [block.label.text, block.hint?.text].filter(Boolean).join(' — '), enforced: block.optional !== true, ...(block.element.options ? { choices: block.element.options.map((option: any) => option.text.text) } : {}),
      }]));
    },
    async whole(form, context) {
      const before = h.api.ok('views.open', (body) => body.view.callback_id === form).length;
      await postInteraction(h.events, blockAction('UONA00001', form, context.inquiryId!));
      return JSON.stringify(await eventually(() => {
        const opened = h.api.ok('views.open', (body) => body.view.callback_id === form).slice(before);
        expect(opened).toHaveLength(1);
        return opened[0]!.view.blocks;
      }));
    },
  };
}

function teamsDriver(h: TeamsHarness): FormDriver {
  const dialog = (form: FormId) => (form === 'new_inquiry' ? 'new' : form);
  return {
    name: 'teams',
    app: h.t.app,
    onaId: h.staff.ona.id,
    people: { ona: h.staff.ona.id, manager: h.staff.manager.id },
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
    async shown(form, context) {
      const answer = await h.post(taskFetch(h.connector.url, people.ona, { dialog: dialog(form), ...context }));
      const inputs: Array<Record<string, any>> = [];
      const walk = (element: any): void => {
        if (Array.isArray(element)) element.forEach(walk);
        else if (element && typeof element === 'object') {
          if (typeof element.type === 'string' && element.type.startsWith('Input.')) inputs.push(element);
          Object.values(element).forEach(walk);
        }
      };
      walk(answer.body.task.value.card.content.body);
      // A date-time field is a date and a time input; its label is on the date, with "(data)" after it.
      return Object.fromEntries(inputs.filter((input) => !input.id.endsWith('Time')).map((input) => {
        const id = input.type === 'Input.Date' ? input.id.replace(/Date$/, '') : input.id;
        const label = ((input.label ?? input.title) as string).replace(/ \(data\)$/, '');
        return [id, { label, says: label, enforced: input.isRequired === true, ...(input.choices ? { choices: input.choices.map((choice: any) => choice.title) } : {}) }];
      }));
    },
    async whole(form, context) {
      const answer = await h.post(taskFetch(h.connector.url, people.ona, { dialog: dialog(form), ...context }));
      return JSON.stringify(answer.body.task.value.card.content.body);
    },
  };
}

const drivers = bothPlatforms<FormDriver>((slack, teams) => [slackDriver(slack), teamsDriver(teams)]);

/** An e-mailed inquiry claimed by Ona on the driver's app. */
const onasInquiry = (driver: FormDriver) => claimedByOna(driver.app, driver.onaId, `forms-${driver.name}`);

const REQUIRED = translate('lt', 'form.required');
const IN_FUTURE = 'Pasirinkite laiką ateityje.';
/** Half an hour before the harnesses' clock (2027-03-01 10:00 in Vilnius). */
const PAST = local('2027-03-01T09:30');
const calledAt = async (driver: FormDriver, inquiryId: string) => (await driver.app.queries.get(inquiryId)).timeline.map((entry) => entry.action);

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

describe.each(['slack', 'teams'] as const)('forms that tell the truth on %s (#13)', (platform) => {
  const driver = () => drivers.find((candidate) => candidate.name === platform)!;

  it('F05 R44.call-notes / R16.expectations: the post-call form names the condition of what a reached call needs, and does not enforce it before the outcome; R14.urgent-call: no e-mail configured → no "e-mail the client a summary"', async () => {
    const inquiry = await onasInquiry(driver());
    const shown = await driver().shown('log_call', { inquiryId: inquiry.id });
    expect(Object.keys(shown)).toEqual(['outcome', 'retryAt', 'summary', 'clientExpectation', 'alternativesOffered', 'risksExplained', 'nextStep', 'nextStepDue']);
    // Slack redraws the form as the outcome is chosen (test/slack/forms.test.ts); Teams keeps the condition in the label.
    expect(shown.summary).toMatchObject({ says: 'Kas aptarta — privaloma, kai su klientu pavyko susisiekti', enforced: false });
    expect(shown.clientExpectation).toMatchObject({ says: 'Kokio rezultato tikisi klientas — privaloma, kai su klientu pavyko susisiekti', enforced: false });
    expect(shown.nextStepDue).toMatchObject({ says: 'Kito žingsnio terminas — privaloma, kai nurodytas kitas žingsnis', enforced: false });
    expect(shown.retryAt!.says).toBe('Kada skambinti vėl (ne anksčiau nei po 30 min.) — privaloma, kai klientas neatsiliepė pirmą kartą');
    expect(shown.outcome!.enforced).toBe(true);
    expect(shown.alternativesOffered).toMatchObject({ says: 'Pasiūlytos alternatyvos', enforced: false });
  });

  it('F12 R29.agreed-time: the post-call form and the call planner open with the client’s name, phone and e-mail at the top, for the owner', async () => {
    const { inquiry } = await driver().app.inquiries.register({
      kind: 'request', channel: 'phone', externalId: null,
      client: { name: 'Rūta Rūtaitė', email: 'ruta@example.com', phone: '+370 612 34567', language: 'lt', postalAddress: null },
      subject: 'Dėl mokesčio', body: 'Skambino', receivedAt: new Date('2027-03-01T09:00:00+02:00'),
    });
    await driver().app.inquiries.claim(inquiry.id, driver().onaId);
    for (const form of ['log_call', 'schedule_call'] as const) {
      const whole = await driver().whole(form, { inquiryId: inquiry.id });
      expect(whole).toContain('Rūta Rūtaitė · +370 612 34567 · ruta@example.com');
      // At the top: before the form's first field (Slack's block_id, Teams' input id).
      expect(whole.indexOf('+370 612 34567')).toBeLessThan(whole.indexOf(`id":"${form === 'log_call' ? 'outcome' : 'at'}`));
    }
  });

  it('F06 R44.call-notes: a reached call whose next step is due in the past → "choose a time in the future" beside nextStepDue; nothing logged', async () => {
    const inquiry = await onasInquiry(driver());
    const errors = await driver().submit('log_call', { inquiryId: inquiry.id }, {
      outcome: 'reached', summary: 'Aptarėme vietą', clientExpectation: 'Vieta nuo rugsėjo', nextStep: 'Patvirtinti raštu', nextStepDue: PAST,
    });
    expect(errors).toEqual({ nextStepDue: IN_FUTURE });
    expect(await calledAt(driver(), inquiry.id)).not.toContain('call_logged');
  });

  it('F07 R54.escalate-unresolved: a conflict whose promised follow-up is in the past → the error beside followUpAt; nothing raised', async () => {
    const inquiry = await onasInquiry(driver());
    const errors = await driver().submit('escalate', { inquiryId: inquiry.id }, { type: 'conflict', whatHappened: 'Tėvai nepatenkinti', clientToldWhat: 'Paskambinsime', followUpAt: PAST });
    expect(errors).toEqual({ followUpAt: IN_FUTURE });
    expect(await calledAt(driver(), inquiry.id)).not.toContain('escalated');
  });

  it('F08 R14.holding-reply: a promise for a date already passed → the error beside promisedBy; no holding reply', async () => {
    const inquiry = await onasInquiry(driver());
    const errors = await driver().submit('holding_reply', { inquiryId: inquiry.id }, { promisedBy: PAST });
    expect(errors).toEqual({ promisedBy: IN_FUTURE });
    expect((await driver().app.queries.get(inquiry.id)).inquiry.promisedBy).toBeNull();
  });

  it('F09 R29.agreed-time / R45.meetings / R24.other-institution: a call, a meeting or an external step in the past → the error beside its time', async () => {
    const inquiry = await onasInquiry(driver());
    const context = { inquiryId: inquiry.id };
    expect(await driver().submit('schedule_call', context, { at: PAST, plan: 'Aptarti vietą' })).toEqual({ at: IN_FUTURE });
    expect(await driver().submit('plan_meeting', context, {
      format: 'in_person', startsAt: PAST, chairId: driver().people.ona, recorderId: driver().people.manager, agenda: 'Vieta grupėje',
    })).toEqual({ startsAt: IN_FUTURE });
    expect(await driver().submit('external_step', context, { institution: 'Savivaldybė', what: 'Sprendimo dėl vietos', dueAt: PAST })).toEqual({ dueAt: IN_FUTURE });
    expect((await driver().app.queries.get(inquiry.id)).inquiry.nextCall).toBeNull();
  });

  it('F10 R7.channels: a phone number, an e-mail and a subject the domain refuses → each says what is wrong, the limit with its number', async () => {
    const errors = await driver().submit('new_inquiry', {}, {
      kind: 'question', channel: 'phone', 'client.name': 'Tomas Tomaitis', 'client.email': 'tomas.example.com', 'client.phone': 'skambinti vakare',
      'client.language': 'lt', subject: 'x'.repeat(301),
    });
    expect(errors).toEqual({
      'client.phone': 'Įveskite telefono numerį, pvz., +370 612 34567.',
      'client.email': 'Įveskite el. pašto adresą, pvz., vardas@example.com.',
      subject: 'Per ilgas tekstas: ne daugiau kaip 300 simbolių.',
    });
  });

  it('F11 R33.language: the client\'s language is chosen by its name, in its own language', async () => {
    const shown = await driver().shown('new_inquiry', {});
    expect(shown['client.language']!.choices).toEqual(['Lietuvių', 'English', 'Русский', 'Polski', 'Українська']);
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
