import { translate } from '../../src/bot/core/i18n/index.js';
import type { DomainServices } from '../../src/domain/services.js';
import type { RunningApp } from '../../src/app.js';
import { eventually } from '../support/app.js';
import type { TestDatabase } from '../support/database.js';
import { slashCommand, text, viewSubmission } from '../slack/support/payloads.js';
import { postCommand, postInteraction } from '../slack/support/signed-requests.js';
import type { SlackHarness } from '../slack/support/slack-harness.js';
import { message, taskFetch, taskSubmit } from '../teams/support/activities.js';
import { cardsIn, cardText, fieldError } from '../teams/support/cards.js';
import { people, type TeamsHarness } from '../teams/support/teams-app.js';
import { bothPlatforms } from './support/both-platforms.js';

/**
 * Issue #17, onboarding without a developer: an institution's admin imports its staff directory with managers in chat
 * (`staff import`), one form written once in the core and shown as a Slack modal and a Teams dialog. The text is read
 * as the command line reads a file and imported all or nothing into the admin's own institution; a refused record is
 * named beside the field; anyone but an admin is refused, privately. The same on both platforms.
 */
interface DirectoryDriver {
  readonly name: 'slack' | 'teams';
  readonly app: RunningApp;
  readonly database: TestDatabase;
  /** `staff import` typed by the admin (or by Ona, who is not one): the form's field ids as opened, or the refusal told instead. */
  open(asAdmin: boolean): Promise<{ fields: string[] } | { refused: string }>;
  /** Submits the form (as the admin unless told): the confirmation said in place, or the errors beside the fields. */
  submit(directory: string, asAdmin?: boolean): Promise<{ saved: string } | { errors: Record<string, string> }>;
  /** The messages the bot posted since `mark()` anywhere but the acting person's private chat (the staff channel, a colleague). */
  toOthers(asAdmin: boolean): number;
  mark(): void;
}

function slackDriver(h: SlackHarness): DirectoryDriver {
  let hooks = 0;
  let posted = 0;
  return {
    name: 'slack',
    app: h.t.app,
    database: h.t.database,
    async open(asAdmin) {
      const before = h.api.ok('views.open').length;
      const path = `/hooks/staff-import-${++hooks}`;
      await postCommand(h.events, slashCommand(asAdmin ? 'UADMIN001' : 'UONA00001', 'staff import', `${h.api.url}${path}`));
      return eventually(() => {
        const opened = h.api.ok('views.open').slice(before);
        const told = h.api.hooks.filter((entry) => entry.path === path);
        expect(opened.length + told.length).toBeGreaterThan(0);
        if (told.length > 0) return { refused: String(told[0]!.body.text) };
        expect(opened[0]!.view.callback_id).toBe('staff_directory');
        return { fields: opened[0]!.view.blocks.filter((block: any) => block.type === 'input').map((block: any) => block.block_id as string) };
      });
    },
    async submit(directory, asAdmin = true) {
      const answer = await postInteraction(h.events, viewSubmission(asAdmin ? 'UADMIN001' : 'UONA00001', 'staff_directory', { directory: text(directory) }));
      const json = answer.json as { errors?: Record<string, string>; response_action?: string; view?: { blocks: Array<{ text: { text: string } }> } } | null;
      if (json?.errors) return { errors: json.errors };
      expect(json?.response_action).toBe('update');
      return { saved: json!.view!.blocks[0]!.text.text };
    },
    mark: () => void (posted = h.api.ok('chat.postMessage').length),
    toOthers: (asAdmin) => h.api.ok('chat.postMessage').slice(posted).filter((body) => body.channel !== (asAdmin ? 'UADMIN001' : 'UONA00001')).length,
  };
}

function teamsDriver(h: TeamsHarness): DirectoryDriver {
  let from = 0;
  const user = (asAdmin: boolean) => (asAdmin ? people.admin : people.ona);
  return {
    name: 'teams',
    app: h.t.app,
    database: h.t.database,
    async open(asAdmin) {
      const chat = `a:personal-${user(asAdmin).id}`;
      const start = h.connector.calls.length;
      await h.post(message(h.connector.url, user(asAdmin), 'staff import', { personal: true }));
      const reply = await eventually(() => {
        const replies = h.connector.replies(chat).filter((call) => h.connector.calls.indexOf(call) >= start);
        expect(replies).toHaveLength(1);
        return replies[0]!.body;
      });
      if (!asAdmin) return { refused: String(reply.text ?? cardText(cardsIn(reply)[0])) };
      const answer = await h.post(taskFetch(h.connector.url, user(asAdmin), { dialog: 'staff_directory' }));
      const card = answer.body.task.value.card.content;
      return { fields: JSON.stringify(card.body).match(/"type":"Input\.[A-Za-z]+"[^}]*?"id":"([^"]+)"/g)!.map((found) => /"id":"([^"]+)"/.exec(found)![1]!) };
    },
    async submit(directory, asAdmin = true) {
      const answer = await h.post(taskSubmit(h.connector.url, user(asAdmin), { dialog: 'staff_directory', directory }));
      if (answer.body?.task?.type === 'message') return { saved: String(answer.body.task.value) };
      expect(answer.body?.task?.type).toBe('continue');
      const error = fieldError(answer.body.task.value.card.content, 'directory');
      return { errors: error === null ? {} : ({ directory: error } as Record<string, string>) };
    },
    mark: () => void (from = h.connector.calls.length),
    // A dialog's answer is the HTTP response, not a post; a command's is a post in the asker's own chat.
    toOthers: (asAdmin) => [...h.connector.sent(), ...h.connector.replies()].filter((call) => h.connector.calls.indexOf(call) >= from && call.conversationId !== `a:personal-${user(asAdmin).id}`).length,
  };
}

const drivers = bothPlatforms((slack, teams) => [slackDriver(slack), teamsDriver(teams)]);
/** Each platform's second institution, whose directory the first's admin must never reach. */
const seconds = new Map<string, DomainServices>();

beforeAll(async () => {
  // Slack's harness has no admin of its own: Aldona, as on Teams.
  const slack = drivers.find((driver) => driver.name === 'slack')!;
  await slack.app.staff.importMembers([{ firstName: 'Aldona', surname: 'Administratorė', email: 'aldona@daigelis.lt', roles: ['admin'], slackUserId: 'UADMIN001' }]);
  for (const driver of drivers) {
    const [{ id }] = await driver.database.asOwner<{ id: number }>(`INSERT INTO institutions (slug, name) VALUES ('saulute', 'Saulutė') RETURNING id`);
    const second = driver.app.forInstitution(id);
    await second.staff.importMembers([{ firstName: 'Algė', surname: 'Algaitė', email: 'alge@saulute.lt', roles: ['admin', 'manager'] }]);
    seconds.set(driver.name, second);
  }
});

/** An institution's directory as it stands: each active member's e-mail, with their manager's. */
async function directoryOf(services: Pick<DomainServices, 'queries'>): Promise<Record<string, string | null>> {
  const staff = await services.queries.staffWithRole(null);
  const email = new Map(staff.map((member) => [member.id, member.email]));
  return Object.fromEntries(staff.map((member) => [member.email, member.managerId ? (email.get(member.managerId) ?? null) : null]));
}

const YAML = `
- firstName: Eglė
  surname: Eglaitė
  email: egle@daigelis.lt
  roles: [manager, representative]
  manager: vida@daigelis.lt
- { firstName: Lina, surname: Linaitė, email: Lina@daigelis.lt, phone: +37061234567, manager: egle@daigelis.lt }
- { firstName: Tomas, surname: Tomaitis, email: tomas@daigelis.lt, language: en, manager: egle@daigelis.lt }
`;

describe.each(['slack', 'teams'] as const)('#17.onboarding: the staff directory imported in chat on %s', (platform) => {
  const driver = () => drivers.find((candidate) => candidate.name === platform)!;

  it('is refused to a representative, privately: no form opens, nobody else is told, and a forged submission writes nothing', async () => {
    const before = await directoryOf(driver().app);
    driver().mark();
    expect(await driver().open(false)).toEqual({ refused: translate('lt', 'error.STAFF.NOT_ALLOWED') });
    expect(driver().toOthers(false)).toBe(0);
    expect(await driver().submit(YAML, false)).toEqual({ errors: { directory: translate('lt', 'error.STAFF.NOT_ALLOWED') } });
    expect(await directoryOf(driver().app)).toEqual(before);
  });

  it('a refused record is named beside the field, and nothing of the directory is written', async () => {
    const before = await directoryOf(driver().app);
    expect(await driver().open(true)).toEqual({ fields: ['directory'] });
    const refused = await driver().submit('- { firstName: Eglė, email: egle@daigelis.lt }\n- { firstName: Lina, surname: Linaitė, email: lina.daigelis.lt }\n');
    expect(refused).toEqual({
      errors: {
        directory: [
          `Įrašas nr. 1, laukas surname: ${translate('lt', 'form.required')}`,
          `Įrašas nr. 2, laukas email: ${translate('lt', 'form.reason.email')}`,
        ].join('\n'),
      },
    });
    // R4.owner: a manager in neither the directory nor the list; escalations would have nowhere to go.
    const unknown = await driver().submit('- { firstName: Eglė, surname: Eglaitė, email: egle@daigelis.lt }\n- { firstName: Lina, surname: Linaitė, email: lina@daigelis.lt, manager: nera@daigelis.lt }\n');
    expect(unknown).toEqual({ errors: { directory: `Įrašas nr. 2, laukas manager: ${translate('lt', 'form.reason.unknown_manager')}` } });
    const unreadable = await driver().submit('- firstName: [Eglė\n');
    expect(unreadable).toEqual({ errors: { directory: translate('lt', 'form.reason.unreadable_text', { line: 2 }) } });
    expect(await directoryOf(driver().app)).toEqual(before);
  });

  it('an admin imports people with their managers into their own institution alone, and is told privately how many', async () => {
    const second = await directoryOf(seconds.get(platform)!);
    driver().mark();
    expect(await driver().submit(YAML)).toEqual({ saved: expect.stringContaining(translate('lt', 'reply.staff_imported', { created: 3, updated: 0 })) });
    expect(driver().toOthers(true)).toBe(0);
    expect(await directoryOf(driver().app)).toMatchObject({
      'egle@daigelis.lt': 'vida@daigelis.lt',
      'lina@daigelis.lt': 'egle@daigelis.lt',
      'tomas@daigelis.lt': 'egle@daigelis.lt',
    });
    const tomas = (await driver().app.queries.staffWithRole(null)).find((member) => member.email === 'tomas@daigelis.lt')!;
    expect(tomas.language).toBe('en');
    // The other institution's directory is untouched, and none of them is there.
    expect(await directoryOf(seconds.get(platform)!)).toEqual(second);

    // The same people pasted again, as JSON: matched by e-mail, updated rather than doubled.
    const json = JSON.stringify([{ firstName: 'Lina', surname: 'Linaitė-Petrė', email: 'lina@daigelis.lt', manager: 'vida@daigelis.lt' }]);
    expect(await driver().submit(json)).toEqual({ saved: expect.stringContaining(translate('lt', 'reply.staff_imported', { created: 0, updated: 1 })) });
    expect((await directoryOf(driver().app))['lina@daigelis.lt']).toBe('vida@daigelis.lt');
  });
});
