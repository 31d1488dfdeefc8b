import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { DomainServices } from '../../src/domain/services.js';
import { emailedRequest } from '../support/app.js';
import { TEST_DATA_KEYS } from '../support/encryption-keys.js';
import { cardAction, installedInTeam, message, teamsUser, TEAM_ID, TENANT, type TeamsUser } from './support/activities.js';
import { cardText, cardsIn } from './support/cards.js';
import { eventually, personalChat, startTeams, type TeamsHarness } from './support/teams-app.js';

/**
 * Issue #17: one bot registration serves many Microsoft 365 tenants, each mapped to its institution. The operator
 * connects a tenant with `npm run institution:teams-tenant`; from then on that tenant's teams, people and staff channel
 * are its institution's, and neither institution's inquiries reach the other's channel.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);
const SAULUTE_TENANT = '5a0f3c1e-7d2b-4c9a-9e61-2f4b8d7c0a11';
const SAULUTE_TEAM = '19:saulute-general@thread.tacv2';
const OTHER_TENANT = 'c3d4e5f6-0000-4000-8000-000000000099';

/** An activity as it comes from another tenant's team: the builders name the first institution's tenant and team. */
const fromTenant = <T>(activity: T, tenant: string, team = SAULUTE_TEAM): T => JSON.parse(JSON.stringify(activity).replaceAll(TENANT, tenant).replaceAll(TEAM_ID, team)) as T;

let h: TeamsHarness;
let saulute: { id: number; services: DomainServices };
const algė: TeamsUser = { id: '29:saulute-1', aadObjectId: '11111111-0000-0000-0000-000000000001', name: 'Algė Algaitė' };

async function teamsTenant(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(root, 'dist/cli/teams-tenant.js'), ...args], { env: { ...process.env, DATABASE_URL: h.t.database.url, DATA_KEYS: TEST_DATA_KEYS, LOG_LEVEL: '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  h = await startTeams();
  const [{ id }] = await h.t.database.asOwner<{ id: number }>(`INSERT INTO institutions (slug, name) VALUES ('saulute', 'Lopšelis-darželis „Saulutė“') RETURNING id`);
  saulute = { id, services: h.t.app.forInstitution(id) };
  await saulute.services.staff.importMembers([{ firstName: 'Algė', surname: 'Algaitė', email: 'alge@saulute.lt', roles: ['manager', 'representative'], teamsUserId: algė.aadObjectId }]);
}, 120_000);
afterAll(() => h?.stop());

describe('issue #17: Teams tenants, each its institution', () => {
  it('the operator connects a tenant to an institution; a tenant serves one institution only', async () => {
    expect(await teamsTenant('saulute', SAULUTE_TENANT.toUpperCase())).toMatchObject({ code: 0, stdout: expect.stringContaining('Saulutė') });
    expect(await teamsTenant('default', SAULUTE_TENANT)).toMatchObject({ code: 1, stderr: expect.stringContaining('already serves another institution') });
    expect((await teamsTenant('saulute', 'tenant-0001')).code).toBe(2);
    expect((await teamsTenant('nera', OTHER_TENANT)).code).toBe(1);
  });

  it("the app added to the tenant's team makes that channel the institution's staff channel; the first institution's stays its own", async () => {
    h.connector.roster = [{ ...algė, email: 'alge@saulute.lt' }];
    const from = h.connector.calls.length;
    expect((await h.post(fromTenant(installedInTeam(h.connector.url, algė), SAULUTE_TENANT))).status).toBe(200);
    // The institution had no admin: Algė, who added the app, becomes its first and is walked through the setup privately.
    expect((await saulute.services.queries.staffWithRole('admin')).map((admin) => admin.email)).toEqual(['alge@saulute.lt']);
    const guide = await eventually(() => {
      const texts = h.connector.calls.slice(from).filter((call) => call.method === 'POST' && call.path.endsWith('/activities') && call.conversationId !== SAULUTE_TEAM && call.status === 200).map((call) => JSON.stringify(call.body));
      expect(texts).toHaveLength(1);
      return texts[0]!;
    });
    expect(guide).toContain('@Langelis settings');
    const channels = await h.t.database.asOwner<{ institution_id: number; conversation: string }>(
      `SELECT institution_id, reference->>'conversationId' AS conversation FROM conversation_references WHERE platform = 'teams' AND key = 'staff_channel' ORDER BY institution_id`,
    );
    expect(channels).toEqual([{ institution_id: 1, conversation: TEAM_ID }, { institution_id: saulute.id, conversation: SAULUTE_TEAM }]);
    // Algė is remembered as the second institution's person, in that institution alone.
    const people = await h.t.database.asOwner<{ institution_id: number }>(`SELECT institution_id FROM conversation_references WHERE platform = 'teams' AND key = $1`, [algė.aadObjectId]);
    expect(people).toEqual([{ institution_id: saulute.id }]);
  });

  it("R15.register: each institution's inquiry is announced in its own tenant's staff channel, never in the other's", async () => {
    const from = h.connector.calls.length;
    await h.t.app.inquiries.register(emailedRequest({ subject: 'Daigelio užklausa' }));
    await saulute.services.inquiries.register(emailedRequest({ subject: 'Saulutės užklausa' }));
    const cardsTo = (conversation: string) => h.connector.sent(conversation).filter((call) => h.connector.calls.indexOf(call) >= from).map((call) => cardText(cardsIn(call.body)[0]));
    await eventually(() => {
      expect(cardsTo(SAULUTE_TEAM)).toEqual([expect.stringContaining('Saulutės užklausa')]);
      expect(cardsTo(TEAM_ID).filter((text) => text.includes('užklausa'))).toEqual([expect.stringContaining('Daigelio užklausa')]);
    });
  });

  it("a message from the tenant is its institution's work: `mine` lists that institution's inquiries", async () => {
    const { inquiry } = await saulute.services.inquiries.register(emailedRequest({ subject: 'Algės užklausa' }));
    const [alge] = await saulute.services.queries.staffWithRole('manager');
    await saulute.services.inquiries.claim(inquiry.id, alge!.id);
    const from = h.connector.calls.length;
    const chat = `a:personal-${algė.id}`;
    expect((await h.post(fromTenant(message(h.connector.url, algė, 'mine', { personal: true }), SAULUTE_TENANT))).status).toBe(200);
    const answer = await eventually(() => {
      const replies = h.connector.replies(chat).filter((call) => h.connector.calls.indexOf(call) >= from);
      expect(replies).toHaveLength(1);
      return JSON.stringify(replies[0]!.body);
    });
    expect(answer).toContain('Algės užklausa');
    expect(answer).not.toContain('Daigelio užklausa');
  });

  it("acceptance: in Saulutė's tenant a Claim click, the owner's reminder and the manager's report are Saulutė's alone; a click naming the first institution's inquiry changes nothing", async () => {
    const { inquiry } = await saulute.services.inquiries.register(emailedRequest({ subject: 'Saulutės prašymas dėl maitinimo' }));
    const [alge] = await saulute.services.queries.staffWithRole('manager');
    const inChannel = { view: 'announcement' };
    // R4.owner: Algė claims it from the card in Saulutė's channel.
    await h.post(fromTenant(cardAction(h.connector.url, algė, 'inquiry.claim', { inquiryId: inquiry.id, ...inChannel }), SAULUTE_TENANT));
    await eventually(async () => expect((await saulute.services.queries.get(inquiry.id)).inquiry.ownerId).toBe(alge!.id));
    // A crafted click from Saulutė's tenant naming the first institution's inquiry finds nothing there.
    const ours = await h.t.app.inquiries.register(emailedRequest({ subject: 'Daigelio prašymas' }));
    const before = await h.t.app.queries.get(ours.inquiry.id);
    await h.post(fromTenant(cardAction(h.connector.url, algė, 'inquiry.claim', { inquiryId: ours.inquiry.id, ...inChannel }), SAULUTE_TENANT));
    expect((await h.t.app.queries.get(ours.inquiry.id)).inquiry).toEqual(before.inquiry);

    // R14.reply-1wd: the reminder before the reply deadline reaches Algė in her own 1:1 chat, and nobody else.
    await eventually(async () => {
      const moved = await h.t.database.asOwner(`UPDATE notice_schedule SET run_at = now(), taken_until = NULL WHERE inquiry_id = $1 AND deadline = 'first_reply' AND stage = 'reminder' RETURNING 1`, [inquiry.id]);
      expect(moved).toHaveLength(1);
    });
    const [{ due_at: dueAt }] = await h.t.database.asOwner<{ due_at: Date }>(`SELECT due_at FROM notice_schedule WHERE inquiry_id = $1 AND deadline = 'first_reply' AND stage = 'reminder'`, [inquiry.id]);
    const was = h.clock.now().toISOString();
    h.clock.set(new Date(dueAt.getTime() - 60_000).toISOString());
    try {
      await h.t.app.scheduler.sweepAt(new Date());
      const reminder = `Priminimas: į ${inquiry.registryNumber}`;
      await eventually(() => expect(h.connector.sent(personalChat(algė)).some((call) => JSON.stringify(call.body).includes(reminder))).toBe(true));
      const elsewhere = h.connector.calls.filter((call) => JSON.stringify(call.body).includes(reminder) && call.conversationId !== personalChat(algė));
      expect(elsewhere).toEqual([]);
    } finally {
      h.clock.set(was);
    }

    // R60.internal: Algė's report is her institution's: her own figures, none of the first institution's staff.
    const from = h.connector.replies(personalChat(algė)).length;
    await h.post(fromTenant(message(h.connector.url, algė, 'report', { personal: true }), SAULUTE_TENANT));
    const card = await eventually(() => {
      const replies = h.connector.replies(personalChat(algė));
      expect(replies.length).toBe(from + 1);
      return cardsIn(replies.at(-1)!.body)[0];
    });
    expect(cardText(card)).toContain('Savaitės aptarnavimo ataskaita');
    expect(cardText(card)).toContain('Algė Algaitė');
    for (const name of ['Onaitė', 'Jonaitis', 'Rasaitė', 'Vadovė']) expect(JSON.stringify(card)).not.toContain(name);
  });

  it("an unmapped tenant is the first institution's until that institution's own tenant is connected; then it is no one's", async () => {
    const stranger = teamsUser('Nežinomas Žmogus', 9);
    const chat = `a:personal-${stranger.id}`;
    await h.post(fromTenant(message(h.connector.url, stranger, 'help', { personal: true }), OTHER_TENANT));
    // Served as the first institution's, as every tenant was before issue #17: a stranger there is told so.
    await eventually(() => expect(h.connector.replies(chat).map((call) => call.body.text)).toContain('Jūsų nėra darbuotojų sąraše. Kreipkitės į administratorių.'));
    await h.t.database.asOwner(`INSERT INTO chat_installations (platform, account_id, institution_id) VALUES ('teams', $1, 1)`, [TENANT]);
    const from = h.connector.calls.length;
    expect((await h.post(fromTenant(message(h.connector.url, stranger, 'help', { personal: true }), OTHER_TENANT))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.connector.calls.slice(from)).toEqual([]);
  });
});
