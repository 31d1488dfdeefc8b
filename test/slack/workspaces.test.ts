import { InstallLinks, INSTALL_LINK_LIFETIME_MS } from '../../src/domain/install-link.js';
import type { DomainServices } from '../../src/domain/services.js';
import { emailedRequest, eventually, ManualClock } from '../support/app.js';
import type { FakeApproval } from './support/fake-slack-api.js';
import { appHomeOpened, blockAction, memberJoinedChannel, slashCommand } from './support/payloads.js';
import { postCommand, postEvent, postInteraction } from './support/signed-requests.js';
import { startSlackHarness, STAFF_CHANNEL, type SlackHarness } from './support/slack-harness.js';

/**
 * Issue #17: Slack across workspaces. The environment's workspace stays the first institution's; two more are installed
 * by OAuth — through `/slack/install`, the stand-in of Slack's authorize page and `/slack/oauth_redirect` — each for its
 * own institution. Requests are work of the institution whose workspace sent them, notices go out in each institution's
 * workspace with that workspace's token, and no workspace hears of another institution's inquiries.
 */

const SECRET = 'install-link-secret-0123456789abcdef';
const OAUTH = { SLACK_CLIENT_ID: '1111111111.2222222222', SLACK_CLIENT_SECRET: 'oauth-client-secret-0123456789' };
const SAULUTE: FakeApproval = { teamId: 'T0SAULUTE', teamName: 'Saulutė', botToken: 'xoxb-saulute', botUserId: 'UBOTSAUL1', botId: 'BBOTSAUL1', installer: 'UADMSAUL1' };
const ZILVITIS: FakeApproval = { teamId: 'T0ZILVITI', teamName: 'Žilvitis', botToken: 'xoxb-zilvitis', botUserId: 'UBOTZILV1', botId: 'BBOTZILV1', installer: 'UADMZILV1' };

let h: SlackHarness;
const clock = new ManualClock(new Date());
const links = new InstallLinks(SECRET, INSTALL_LINK_LIFETIME_MS, clock);
let saulute: { id: number; services: DomainServices };
let zilvitis: { id: number; services: DomainServices };

/** A payload as another workspace sends it: the harness's builders name the environment's workspace. */
const fromTeam = <T>(payload: T, teamId: string): T => JSON.parse(JSON.stringify(payload).replaceAll('T0TEST001', teamId)) as T;

async function addInstitution(slug: string, name: string, staffChannel: string, admin: { email: string; slackUserId: string }) {
  const [{ id }] = await h.t.database.asOwner<{ id: number }>('INSERT INTO institutions (slug, name) VALUES ($1, $2) RETURNING id', [slug, name]);
  const services = h.t.app.forInstitution(id);
  await services.staff.importMembers([{ firstName: 'Admin', surname: slug, email: admin.email, roles: ['admin', 'manager', 'representative'], slackUserId: admin.slackUserId }]);
  const [member] = await services.queries.staffWithRole('admin');
  await services.institutionSettings.update(member!.id, { staffChannel: { slack: staffChannel } });
  return { id, services };
}

/** The browser's way through the install: our link, Slack's authorize page, back to our redirect URL with the state cookie. */
async function install(query: Record<string, string>, approval: FakeApproval | null, language = 'lt'): Promise<{ status: number; page: string }> {
  if (approval) h.api.approveNextInstall(approval);
  const start = await fetch(`${h.t.app.url}/slack/install?${new URLSearchParams(query)}`, { redirect: 'manual', headers: { 'accept-language': language } });
  if (start.status !== 302) return { status: start.status, page: await start.text() };
  const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
  const toSlack = new URL(start.headers.get('location')!);
  expect(`${toSlack.origin}${toSlack.pathname}`).toBe(`${h.api.url}/oauth/v2/authorize`);
  const fromSlack = await fetch(toSlack, { redirect: 'manual' });
  const back = new URL(fromSlack.headers.get('location')!);
  expect(back.pathname).toBe('/slack/oauth_redirect');
  const done = await fetch(`${h.t.app.url}${back.pathname}${back.search}`, { headers: { cookie, 'accept-language': language } });
  return { status: done.status, page: await done.text() };
}

const signed = (institution: number) => {
  const { institution: id, ...rest } = links.sign(institution);
  return { institution: id, ...rest };
};

beforeAll(async () => {
  h = await startSlackHarness({ clock }, (api) => ({ ...OAUTH, LETTER_LINK_SECRET: SECRET, SLACK_OAUTH_AUTHORIZE_URL: `${api.url}/oauth/v2/authorize` }));
  h.api.oauth = { clientId: OAUTH.SLACK_CLIENT_ID, clientSecret: OAUTH.SLACK_CLIENT_SECRET };
  saulute = await addInstitution('saulute', 'Lopšelis-darželis „Saulutė“', 'C0SAULUTE', { email: 'admin@saulute.lt', slackUserId: 'UADMSAUL1' });
  zilvitis = await addInstitution('zilvitis', 'Lopšelis-darželis „Žilvitis“', 'C0ZILVITI', { email: 'admin@zilvitis.lt', slackUserId: 'UADMZILV1' });
}, 120_000);
afterAll(() => h?.stop());

describe('issue #17: Slack installed by OAuth, one workspace per institution', () => {
  it('a link the operator made for an institution installs the app into the approving workspace, for that institution only', async () => {
    const done = await install(signed(saulute.id), SAULUTE);
    expect(done.status).toBe(200);
    expect(done.page).toContain('Saulutė');
    expect(done.page).toContain('Lopšelis-darželis „Saulutė“');
    const second = await install(signed(zilvitis.id), ZILVITIS, 'en');
    expect(second.status).toBe(200);
    expect(second.page).toContain('Langelis is installed');
    // The token was exchanged with the app's own credentials, and is kept sealed: its text is nowhere in the row.
    expect(h.api.calls.filter((call) => call.method === 'oauth.v2.access')).toHaveLength(2);
    // These institutions have admins already: nobody is made one, and no one is sent the setup guide.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.api.calls.filter((call) => call.method === 'chat.postMessage')).toEqual([]);
    expect((await saulute.services.queries.staffWithRole('admin')).map((admin) => admin.email)).toEqual(['admin@saulute.lt']);
    const rows = await h.t.database.asOwner<{ institution_id: number; account_id: string; plain: boolean; revoked_at: Date | null }>(
      `SELECT institution_id, account_id, position(convert_to('xoxb-', 'UTF8') IN secret) > 0 AS plain, revoked_at FROM chat_installations ORDER BY institution_id`,
    );
    expect(rows).toEqual([
      { institution_id: saulute.id, account_id: 'T0SAULUTE', plain: false, revoked_at: null },
      { institution_id: zilvitis.id, account_id: 'T0ZILVITI', plain: false, revoked_at: null },
    ]);
  });

  it("R15.register: each institution's new inquiry is announced in its own workspace's staff channel with its own token — and in no other", async () => {
    h.api.reset();
    const first = await h.t.app.inquiries.register(emailedRequest());
    const second = await saulute.services.inquiries.register(emailedRequest());
    const third = await zilvitis.services.inquiries.register(emailedRequest());
    const announced = await eventually(() => {
      const posts = h.api.ok('chat.postMessage', (body) => [first, second, third].some(({ inquiry }) => String(body.text).includes(inquiry.registryNumber)));
      expect(posts).toHaveLength(3);
      return h.api.calls.filter((call) => call.method === 'chat.postMessage' && call.status === 200);
    });
    const where = (registry: string) => announced.filter((call) => String(call.body.text).includes(registry)).map((call) => ({ channel: call.body.channel, token: call.token }));
    // All three are numbered 1 in their own registry, so each is told apart by where it went.
    expect(where(first.inquiry.registryNumber)).toEqual(
      expect.arrayContaining([{ channel: STAFF_CHANNEL, token: 'xoxb-test' }, { channel: 'C0SAULUTE', token: 'xoxb-saulute' }, { channel: 'C0ZILVITI', token: 'xoxb-zilvitis' }]),
    );
    // Nothing was posted with one workspace's token into another's channel.
    const mixed = announced.filter((call) => ({ 'xoxb-test': STAFF_CHANNEL, 'xoxb-saulute': 'C0SAULUTE', 'xoxb-zilvitis': 'C0ZILVITI' })[call.token!] !== call.body.channel);
    expect(mixed).toEqual([]);
  });

  it("a request from an installed workspace is its institution's work: /inquiry mine lists that institution's inquiries only", async () => {
    const mine = await saulute.services.inquiries.register(emailedRequest({ subject: 'Saulutės užklausa apie maitinimą' }));
    const [admin] = await saulute.services.queries.staffWithRole('admin');
    await saulute.services.inquiries.claim(mine.inquiry.id, admin!.id);
    const hook = `/hooks/saulute-mine`;
    expect((await postCommand(h.events, fromTeam(slashCommand('UADMSAUL1', 'mine', `${h.api.url}${hook}`), 'T0SAULUTE'))).status).toBe(200);
    const [answer] = await eventually(() => {
      const found = h.api.hooks.filter((entry) => entry.path === hook);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(JSON.stringify(answer!.body)).toContain(mine.inquiry.registryNumber);
    // The same Slack user id sent from the environment's workspace is nobody in the first institution.
    const elsewhere = `/hooks/first-mine`;
    await postCommand(h.events, slashCommand('UADMSAUL1', 'mine', `${h.api.url}${elsewhere}`));
    const [refusal] = await eventually(() => {
      const found = h.api.hooks.filter((entry) => entry.path === elsewhere);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(JSON.stringify(refusal!.body)).not.toContain(mine.inquiry.registryNumber);
  });

  it('the Home tab opened in a workspace is published with that workspace\'s token', async () => {
    h.api.reset();
    expect((await postEvent(h.events, fromTeam(appHomeOpened('UADMZILV1'), 'T0ZILVITI'))).status).toBe(200);
    const published = await eventually(() => {
      const calls = h.api.calls.filter((call) => call.method === 'views.publish' && call.body.user_id === 'UADMZILV1');
      expect(calls.length).toBeGreaterThan(0);
      return calls;
    });
    expect(published.map((call) => call.token)).toEqual(published.map(() => 'xoxb-zilvitis'));
  });

  it("acceptance: in Saulutė's workspace a Claim click, the owner's reminder and the admin's week report are Saulutė's alone — told with its token, in its workspace, counted from its inquiries", async () => {
    h.api.reset();
    const now = new Date(clock.now().getTime() - 60_000).toISOString();
    const theirs = await saulute.services.inquiries.register(emailedRequest({ receivedAt: now, subject: 'Saulutės prašymas' }));
    await zilvitis.services.inquiries.register(emailedRequest({ receivedAt: now }));
    await h.t.app.inquiries.register(emailedRequest({ receivedAt: now }));
    await h.t.app.inquiries.register(emailedRequest({ receivedAt: now }));
    const [announcement] = await eventually(() => {
      const found = h.api.ok('chat.postMessage', (body) => body.channel === 'C0SAULUTE' && String(body.text).includes(theirs.inquiry.registryNumber));
      expect(found).toHaveLength(1);
      return found;
    });
    const ts = h.api.calls.find((call) => call.body === announcement)!.answer!.ts as string;

    // R4.owner: the admin claims it from Saulutė's channel; the card changes there, with Saulutė's token.
    const [admin] = await saulute.services.queries.staffWithRole('admin');
    await postInteraction(h.events, fromTeam(blockAction('UADMSAUL1', 'claim', theirs.inquiry.id, { channel: 'C0SAULUTE', ts }), 'T0SAULUTE'));
    await eventually(async () => expect((await saulute.services.queries.get(theirs.inquiry.id)).inquiry.ownerId).toBe(admin!.id));
    await eventually(() => expect(h.api.calls.filter((call) => call.method === 'chat.update' && call.body.ts === ts && call.token === 'xoxb-saulute')).not.toHaveLength(0));

    // R14.reply-1wd: the reminder before the reply deadline reaches the owner in Saulutė's workspace.
    await eventually(async () => {
      const moved = await h.t.database.asOwner(`UPDATE notice_schedule SET run_at = now(), taken_until = NULL WHERE inquiry_id = $1 AND deadline = 'first_reply' AND stage = 'reminder' RETURNING 1`, [theirs.inquiry.id]);
      expect(moved).toHaveLength(1);
    });
    const [{ due_at: dueAt }] = await h.t.database.asOwner<{ due_at: Date }>(`SELECT due_at FROM notice_schedule WHERE inquiry_id = $1 AND deadline = 'first_reply' AND stage = 'reminder'`, [theirs.inquiry.id]);
    const realNow = clock.now().toISOString();
    clock.set(new Date(dueAt.getTime() - 60_000).toISOString());
    try {
      await h.t.app.scheduler.sweepAt(new Date());
      await eventually(() => {
        const reminders = h.api.calls.filter((call) => call.method === 'chat.postMessage' && String(call.body.text).startsWith('Priminimas') && String(call.body.text).includes(theirs.inquiry.registryNumber));
        expect(reminders.map((call) => call.token)).toEqual(['xoxb-saulute']);
      });
      expect(h.api.ok('conversations.open', (body) => body.users === 'UADMSAUL1').length).toBeGreaterThan(0);
    } finally {
      clock.set(realNow);
    }
    // Nothing of Saulutė's inquiry went out with any other workspace's token.
    expect(h.api.calls.filter((call) => call.token !== 'xoxb-saulute' && JSON.stringify(call.body).includes(theirs.inquiry.id))).toEqual([]);

    // R60.internal: the admin's week report counts Saulutė's inquiries only (one this week), not the other institutions'.
    const hook = '/hooks/saulute-report';
    await postCommand(h.events, fromTeam(slashCommand('UADMSAUL1', 'report week', `${h.api.url}${hook}`), 'T0SAULUTE'));
    const [report] = await eventually(() => {
      const found = h.api.hooks.filter((entry) => entry.path === hook);
      expect(found).toHaveLength(1);
      return found;
    });
    const fields = (report!.body.blocks as any[]).flatMap((block) => (block.type === 'section' && Array.isArray(block.fields) ? block.fields : []));
    expect(fields.find((field: any) => field.text.startsWith('*Gauta*\n'))?.text.split('\n')[1]).toBe('1');
  });

  it('a signed request from a workspace nobody installed is acknowledged and does nothing', async () => {
    h.api.reset();
    const hook = '/hooks/stranger';
    expect((await postCommand(h.events, fromTeam(slashCommand('USTRANGER', 'mine', `${h.api.url}${hook}`), 'T0STRANGE'))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.api.hooks.filter((entry) => entry.path === hook)).toEqual([]);
    expect(h.api.calls).toEqual([]);
  });

  it('an install link that was altered is refused (403), one past its time says so (410), and neither reaches Slack', async () => {
    const before = h.api.calls.length;
    const forged = { ...signed(saulute.id), institution: String(zilvitis.id) };
    const refused = await install(forged, null);
    expect(refused.status).toBe(403);
    expect(refused.page).toContain('nuoroda netinka');
    const late = new InstallLinks(SECRET, 1, new ManualClock(new Date(Date.now() - 60_000))).sign(saulute.id);
    expect((await install({ ...late }, null)).status).toBe(410);
    expect(h.api.calls.length).toBe(before);
  });

  it('a workspace already serving one institution is not taken over by an install for another', async () => {
    const taken = await install(signed(zilvitis.id), { ...SAULUTE, installer: 'UOTHER001' });
    expect(taken.status).toBe(400);
    expect(taken.page).toContain('jau aptarnauja kitą įstaigą');
    const [row] = await h.t.database.asOwner<{ institution_id: number }>(`SELECT institution_id FROM chat_installations WHERE account_id = 'T0SAULUTE'`);
    expect(row!.institution_id).toBe(saulute.id);
  });

  it('an Enterprise Grid org-wide install is refused: each workspace is installed for its own institution', async () => {
    const org = await install(signed(zilvitis.id), { ...ZILVITIS, teamId: 'T0ORGWIDE', botToken: 'xoxb-org', orgWide: true });
    expect(org.status).toBe(400);
    expect(org.page).toContain('visai organizacijai');
  });

  it('a cancelled install changes nothing; a return without the browser that started it is refused and can be restarted', async () => {
    const before = await h.t.database.asOwner('SELECT platform, account_id, institution_id, revoked_at FROM chat_installations ORDER BY account_id');
    const cancelled = await install(signed(saulute.id), null);
    expect(cancelled.status).toBe(400);
    expect(cancelled.page).toContain('atšauktas');
    // Someone else's browser brought back to our redirect URL (no state cookie): no token is asked for.
    h.api.approveNextInstall({ ...ZILVITIS, installer: 'UOTHER001' });
    const start = await fetch(`${h.t.app.url}/slack/install?${new URLSearchParams(signed(zilvitis.id))}`, { redirect: 'manual' });
    const back = new URL((await fetch(new URL(start.headers.get('location')!), { redirect: 'manual' })).headers.get('location')!);
    const exchanges = h.api.calls.filter((call) => call.method === 'oauth.v2.access').length;
    const elsewhere = await fetch(`${h.t.app.url}${back.pathname}${back.search}`);
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.text()).toContain('Pradėkite iš naujo');
    expect(h.api.calls.filter((call) => call.method === 'oauth.v2.access')).toHaveLength(exchanges);
    expect(await h.t.database.asOwner('SELECT platform, account_id, institution_id, revoked_at FROM chat_installations ORDER BY account_id')).toEqual(before);
  });

  it('onboarding: in a new institution without a staff channel, the first channel the app is invited to becomes it and is welcomed there', async () => {
    const [{ id }] = await h.t.database.asOwner<{ id: number }>(`INSERT INTO institutions (slug, name) VALUES ('pusynelis', 'Lopšelis-darželis „Pušynėlis“') RETURNING id`);
    const pusynelis: FakeApproval = { teamId: 'T0PUSYNEL', teamName: 'Pušynėlis', botToken: 'xoxb-pusynelis', botUserId: 'UBOTPUSY1', botId: 'BBOTPUSY1', installer: 'UADMPUSY1' };
    h.api.profiles.set('UADMPUSY1', { real_name: 'Pušynė Pušaitė', email: 'pusyne@pusynelis.lt' });
    h.api.reset();
    expect((await install(signed(id), pusynelis)).status).toBe(200);
    // A new institution has no admin: the one who installed it becomes the first, and is walked through the setup privately.
    const admins = await h.t.app.forInstitution(id).queries.staffWithRole('admin');
    expect(admins.map((admin) => [admin.email, admin.slackUserId])).toEqual([['pusyne@pusynelis.lt', 'UADMPUSY1']]);
    const guide = await eventually(() => {
      const dms = h.api.calls.filter((call) => call.method === 'chat.postMessage' && call.status === 200);
      expect(dms).toHaveLength(1);
      return dms[0]!;
    });
    expect(guide).toMatchObject({ token: 'xoxb-pusynelis', body: { channel: 'DADMPUSY1' } });
    expect(guide.body.text).toContain('/inquiry settings');
    h.api.reset();
    const joined = (channel: string) => fromTeam(memberJoinedChannel('UBOTPUSY1', channel), 'T0PUSYNEL');
    expect((await postEvent(h.events, joined('C0PUSYNEL'))).status).toBe(200);
    const welcome = await eventually(() => {
      const posts = h.api.calls.filter((call) => call.method === 'chat.postMessage' && call.status === 200);
      expect(posts).toHaveLength(1);
      return posts[0]!;
    });
    expect(welcome).toMatchObject({ token: 'xoxb-pusynelis', body: { channel: 'C0PUSYNEL' } });
    const [row] = await h.t.database.asOwner<{ channel: string }>(`SELECT settings->'staffChannel'->>'slack' AS channel FROM institutions WHERE id = $1`, [id]);
    expect(row!.channel).toBe('C0PUSYNEL');
    // Invited to another channel later: the staff channel stays, and nothing is said there.
    await postEvent(h.events, joined('C0ELSEWHR'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.api.calls.filter((call) => call.method === 'chat.postMessage')).toHaveLength(1);
    const [after] = await h.t.database.asOwner<{ channel: string }>(`SELECT settings->'staffChannel'->>'slack' AS channel FROM institutions WHERE id = $1`, [id]);
    expect(after!.channel).toBe('C0PUSYNEL');
  });

  it('app_uninstalled ends the installation: the institution\'s next inquiry is told nowhere in Slack, the others still are', async () => {
    const uninstalled = fromTeam({ token: 'x', team_id: 'T0TEST001', api_app_id: 'A0LANGELIS', type: 'event_callback', event_id: 'Ev0UNINST1', event_time: 1_800_000_000, event: { type: 'app_uninstalled', event_ts: '1800000000.1' } }, 'T0ZILVITI');
    expect((await postEvent(h.events, uninstalled)).status).toBe(200);
    await eventually(async () => {
      const [row] = await h.t.database.asOwner<{ revoked: boolean }>(`SELECT revoked_at IS NOT NULL AS revoked FROM chat_installations WHERE account_id = 'T0ZILVITI'`);
      expect(row!.revoked).toBe(true);
    });
    h.api.reset();
    const gone = await zilvitis.services.inquiries.register(emailedRequest());
    const kept = await saulute.services.inquiries.register(emailedRequest());
    await eventually(() => expect(h.api.ok('chat.postMessage', (body) => body.channel === 'C0SAULUTE' && String(body.text).includes(kept.inquiry.registryNumber))).toHaveLength(1));
    // Told nowhere: the Slack delivery of its event is done, and nothing went out with its workspace's token.
    await eventually(async () => {
      const pending = await h.t.database.asOwner<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE consumer = 'slack' AND inquiry_id = $1 AND delivered_at IS NULL`, [gone.inquiry.id]);
      expect(pending[0]!.n).toBe(0);
    });
    expect(h.api.calls.filter((call) => call.token === 'xoxb-zilvitis')).toEqual([]);
    expect(h.api.ok('chat.postMessage', (body) => body.channel === 'C0ZILVITI')).toEqual([]);
    expect(gone.created).toBe(true);
    // A request from the removed workspace is no one's work any more.
    const hook = '/hooks/after-uninstall';
    await postCommand(h.events, fromTeam(slashCommand('UADMZILV1', 'mine', `${h.api.url}${hook}`), 'T0ZILVITI'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.api.hooks.filter((entry) => entry.path === hook)).toEqual([]);
  });
});
