import { FORMS } from '../../src/bot/core/forms/index.js';
import { translate } from '../../src/bot/core/i18n/index.js';
import type { RunningApp } from '../../src/app.js';
import { eventually } from '../support/app.js';
import { slashCommand, text, choice, viewSubmission } from '../slack/support/payloads.js';
import { postCommand, postInteraction } from '../slack/support/signed-requests.js';
import type { SlackHarness } from '../slack/support/slack-harness.js';
import { message, taskFetch, taskSubmit } from '../teams/support/activities.js';
import { cardsIn, cardText, fieldError } from '../teams/support/cards.js';
import { people, type TeamsHarness } from '../teams/support/teams-app.js';
import { bothPlatforms } from './support/both-platforms.js';
import { SmtpReceiver } from '../support/smtp-receiver.js';

/**
 * Issue #17: an institution's admins keep its settings in chat, with one form written once in the core and shown as a
 * Slack modal and a Teams dialog: what the institution set is filled in, an emptied field goes back to the
 * deployment's default, and the domain's refusals land beside their fields — the same on both platforms.
 */
interface SettingsDriver {
  readonly name: 'slack' | 'teams';
  readonly app: RunningApp;
  /** `settings` (or `settings mailbox`) typed by an admin (or by Ona, who is not one): the form's fields as opened, or the refusal told instead. */
  open(asAdmin: boolean, form?: AdminForm): Promise<{ fields: Record<string, string> } | { refused: string }>;
  /** Submits the form as the admin: the errors beside the fields, or null when it was saved. */
  submit(values: Record<string, string>, form?: AdminForm): Promise<Record<string, string> | null>;
}

type AdminForm = 'institution_settings' | 'institution_mailbox';
/** The words that open each form, and what its saved modal says on Slack. */
const OPENED_BY: Record<AdminForm, { words: string; saved: string }> = {
  institution_settings: { words: 'settings', saved: 'Nustatymai išsaugoti' },
  institution_mailbox: { words: 'settings mailbox', saved: 'Pašto dėžutė išsaugota' },
};
const fieldsOf = (form: AdminForm) => FORMS[form].spec.fields;

function slackDriver(h: SlackHarness): SettingsDriver {
  let hooks = 0;
  return {
    name: 'slack',
    app: h.t.app,
    async open(asAdmin, form = 'institution_settings') {
      const user = asAdmin ? 'UADMIN001' : 'UONA00001';
      const before = h.api.ok('views.open').length;
      const path = `/hooks/settings-${++hooks}`;
      await postCommand(h.events, slashCommand(user, OPENED_BY[form].words, `${h.api.url}${path}`));
      return eventually(() => {
        const opened = h.api.ok('views.open').slice(before);
        const told = h.api.hooks.filter((entry) => entry.path === path);
        expect(opened.length + told.length).toBeGreaterThan(0);
        if (told.length > 0) return { refused: String(told[0]!.body.text) };
        const blocks = opened[0]!.view.blocks.filter((block: any) => block.type === 'input');
        return { fields: Object.fromEntries(blocks.map((block: any) => [block.block_id, block.element.initial_value ?? block.element.initial_option?.value ?? ''])) };
      });
    },
    async submit(values, form = 'institution_settings') {
      const state = Object.fromEntries(fieldsOf(form).map((field) => [field.id, field.kind === 'choice' ? choice(values[field.id] || null) : text(values[field.id] ?? '')]));
      const answer = await postInteraction(h.events, viewSubmission('UADMIN001', form, state));
      const json = answer.json as { errors?: Record<string, string>; response_action?: string; view?: unknown } | null;
      // Saved: the modal turns into the confirmation; refused: the errors beside the fields.
      if (json?.response_action === 'update') expect(JSON.stringify(json.view)).toContain(OPENED_BY[form].saved);
      return json?.errors ?? null;
    },
  };
}

function teamsDriver(h: TeamsHarness): SettingsDriver {
  return {
    name: 'teams',
    app: h.t.app,
    async open(asAdmin, form = 'institution_settings') {
      const user = asAdmin ? people.admin : people.ona;
      const chat = `a:personal-${user.id}`;
      const from = h.connector.calls.length;
      await h.post(message(h.connector.url, user, OPENED_BY[form].words, { personal: true }));
      const reply = await eventually(() => {
        const replies = h.connector.replies(chat).filter((call) => h.connector.calls.indexOf(call) >= from);
        expect(replies).toHaveLength(1);
        return replies[0]!.body;
      });
      if (!asAdmin) return { refused: String(reply.text ?? cardText(cardsIn(reply)[0])) };
      const answer = await h.post(taskFetch(h.connector.url, user, { dialog: form }));
      const card = answer.body.task.value.card.content;
      const inputs: any[] = [];
      const walk = (node: any) => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          if (typeof node.type === 'string' && node.type.startsWith('Input.')) inputs.push(node);
          Object.values(node).forEach(walk);
        }
      };
      walk(card.body);
      return { fields: Object.fromEntries(inputs.map((input) => [input.id, String(input.value ?? '')])) };
    },
    async submit(values, form = 'institution_settings') {
      const answer = await h.post(taskSubmit(h.connector.url, people.admin, { dialog: form, ...values }));
      if (answer.body?.task?.type !== 'continue') return null;
      const card = answer.body.task.value.card.content;
      return Object.fromEntries(fieldsOf(form).flatMap((field) => {
        const error = fieldError(card, field.id);
        return error === null ? [] : [[field.id, error] as const];
      }));
    },
  };
}

const drivers = bothPlatforms((slack, teams) => [slackDriver(slack), teamsDriver(teams)]);

beforeAll(async () => {
  // Slack's harness has no admin of its own: Aldona, as on Teams.
  const slack = drivers.find((driver) => driver.name === 'slack')!;
  await slack.app.staff.importMembers([{ firstName: 'Aldona', surname: 'Administratorė', email: 'aldona@daigelis.lt', roles: ['admin'], slackUserId: 'UADMIN001' }]);
});

describe.each(['slack', 'teams'] as const)('issue #17: the institution settings form on %s', (platform) => {
  const driver = () => drivers.find((candidate) => candidate.name === platform)!;

  it('is refused to a representative, privately, with nothing of the settings shown', async () => {
    const refused = await driver().open(false);
    expect(refused).toEqual({ refused: translate('lt', 'error.STAFF.NOT_ALLOWED') });
  });

  it('R14.reply-1wd: an admin changes office hours, closure days and the reply window; a refusal is shown beside its field, and nothing is saved until all holds', async () => {
    const opened = await driver().open(true);
    expect('fields' in opened && Object.keys(opened.fields).sort()).toEqual(fieldsOf('institution_settings').map((field) => field.id).sort());
    const refused = await driver().submit({ officeHours: 'Mon-Fri 07:30-16:00', closures: 'vasarą', replyWorkingDays: 'du' });
    expect(Object.keys(refused ?? {}).sort()).toEqual(['closures', 'replyWorkingDays']);
    const [admin] = await driver().app.queries.staffWithRole('admin');
    expect((await driver().app.institutionSettings.show(admin!.id)).own).toEqual({});

    expect(await driver().submit({ officeHours: 'Mon-Fri 07:30-16:00', closures: '2027-07-01 2027-08-31 Vasaros atostogos\n2027-11-02 Vėlinės', replyWorkingDays: '2', defaultLanguage: 'lt' })).toBeNull();
    const { own, effective } = await driver().app.institutionSettings.show(admin!.id);
    expect(own).toEqual({
      officeHours: 'Mon-Fri 07:30-16:00',
      closures: [{ from: '2027-07-01', to: '2027-08-31', reason: 'Vasaros atostogos' }, { from: '2027-11-02', to: '2027-11-02', reason: 'Vėlinės' }],
      replyWorkingDays: 2,
      defaultLanguage: 'lt',
    });
    expect(effective.statutoryWorkingDays).toBe(20);
  });

  it('opens again with what the institution set, and an emptied field goes back to the default', async () => {
    const opened = await driver().open(true);
    expect('fields' in opened && opened.fields).toMatchObject({ officeHours: 'Mon-Fri 07:30-16:00', replyWorkingDays: '2', closures: '2027-07-01 2027-08-31 Vasaros atostogos\n2027-11-02 Vėlinės', name: '' });
    expect(await driver().submit({ officeHours: '', closures: '', replyWorkingDays: '2' })).toBeNull();
    const [admin] = await driver().app.queries.staffWithRole('admin');
    const { own, effective } = await driver().app.institutionSettings.show(admin!.id);
    expect(own).toEqual({ replyWorkingDays: 2 });
    expect(effective.officeHours).not.toBe('Mon-Fri 07:30-16:00');
  });
});

const outgoing = new SmtpReceiver();
beforeAll(() => outgoing.start());
afterAll(() => outgoing.stop());

describe.each(['slack', 'teams'] as const)('issue #17: the institution mailbox form on %s', (platform) => {
  const driver = () => drivers.find((candidate) => candidate.name === platform)!;
  const adminId = async () => (await driver().app.queries.staffWithRole('admin'))[0]!.id;

  it('is refused to a representative, privately, with nothing of the mailbox shown', async () => {
    expect(await driver().open(false, 'institution_mailbox')).toEqual({ refused: translate('lt', 'error.STAFF.NOT_ALLOWED') });
  });

  it('an admin sets the outgoing server: a missing sender is shown beside its field and nothing is saved; then it is tried and saved, and opens again without a password', async () => {
    const opened = await driver().open(true, 'institution_mailbox');
    expect('fields' in opened && opened.fields).toEqual({ imapUrl: '', imapFolder: 'INBOX', smtpUrl: '', from: '' });
    const server = outgoing.url.replace('smtp://', 'smtp://rastine:slaptas@');
    expect(Object.keys((await driver().submit({ imapFolder: 'INBOX', smtpUrl: server }, 'institution_mailbox')) ?? {})).toEqual(['from']);
    expect(await driver().app.mailboxSettings.show(await adminId())).toBeNull();

    expect(await driver().submit({ imapFolder: 'INBOX', smtpUrl: server, from: 'Daigelis <rastine@daigelis.lt>' }, 'institution_mailbox')).toBeNull();
    const reopened = await driver().open(true, 'institution_mailbox');
    expect('fields' in reopened && reopened.fields).toEqual({ imapUrl: '', imapFolder: 'INBOX', smtpUrl: outgoing.url.replace('smtp://', 'smtp://rastine@'), from: 'Daigelis <rastine@daigelis.lt>' });
    expect(JSON.stringify(reopened)).not.toContain('slaptas');
  });
});
