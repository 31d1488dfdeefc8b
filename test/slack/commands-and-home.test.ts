import { emailedRequest, eventually, ManualClock } from '../support/app.js';
import { numbersIn, outboxDelivered, twentyFiveOpenInquiries } from '../support/pressing-list.js';
import { blockKitViolations } from './support/block-kit-limits.js';
import { appHomeOpened } from './support/payloads.js';
import { postEvent } from './support/signed-requests.js';
import { startSlackHarness, type SlackHarness } from './support/slack-harness.js';

let h: SlackHarness;
const clock = new ManualClock(new Date('2027-03-02T10:00:00+02:00'));

beforeAll(async () => {
  h = await startSlackHarness({ clock });
  await h.t.app.staff.importMembers([{ firstName: 'Adelė', surname: 'Administratorė', email: 'admin@daigelis.lt', roles: ['admin'], slackUserId: 'UADMIN001' }]);
});
afterAll(() => h.stop());
// Answers through response URLs are messages too: the same limits apply.
afterEach(() => expect(blockKitViolations([...h.api.calls, ...h.api.hooks.map((hook) => ({ method: 'response_url', body: hook.body, status: 200 }))])).toEqual([]));

const command = (user: string, input: string) => h.command(user, input);

describe('/inquiry', () => {
  it('help, and anything it does not understand, lists the commands (Lithuanian; English for Jonas)', async () => {
    const help = await command('UONA00001', 'help');
    expect(JSON.stringify(help.blocks)).toContain('/inquiry mine');
    expect(help.text).toBe('Langelis: komandos');
    const unknown = await command('UJONAS001', 'dance');
    expect(unknown.text).toBe('Langelis: commands');
    expect(JSON.stringify(unknown.blocks)).toContain('my open inquiries');
  });

  it('R4.owner: mine lists my open inquiries, most pressing first; show gives the timeline; find searches', async () => {
    const later = (await h.t.app.inquiries.register(emailedRequest({ receivedAt: '2027-03-02T09:00:00+02:00', subject: 'Vėlesnis' }))).inquiry;
    const sooner = (await h.t.app.inquiries.register(emailedRequest({ receivedAt: '2027-03-01T09:00:00+02:00', subject: 'Ankstesnis' }))).inquiry;
    await h.t.app.inquiries.claim(later.id, h.staff.rasa.id);
    await h.t.app.staff.importMembers([{ firstName: 'Rasa', surname: 'Rasaitė', email: 'rasa@daigelis.lt', manager: 'vida@daigelis.lt', slackUserId: 'URASA0001' }]);
    await h.t.app.inquiries.claim(sooner.id, h.staff.rasa.id);
    const mine = JSON.stringify((await command('URASA0001', 'mine')).blocks);
    expect(mine.indexOf(sooner.registryNumber)).toBeGreaterThan(-1);
    expect(mine.indexOf(sooner.registryNumber)).toBeLessThan(mine.indexOf(later.registryNumber));

    const show = await command('URASA0001', `show ${sooner.registryNumber}`);
    const shown = JSON.stringify(show.blocks);
    expect(shown).toContain('Eiga');
    expect(shown).toContain('priskirta · Rasa Rasaitė');
    expect(shown).toContain('užregistruota');
    expect(shown).toContain('norėčiau sužinoti apie laisvas vietas');

    const found = JSON.stringify((await command('URASA0001', 'find Vėlesnis')).blocks);
    expect(found).toContain(later.registryNumber);
    expect(found).not.toContain(sooner.registryNumber);

    const missing = await command('URASA0001', 'show 2027-999999');
    expect(missing.text).toBe('Užklausa 2027-999999 nerasta.');
  });

  it('staff: members set their own position, phone and language; admins set managers; others may not', async () => {
    expect((await command('UJONAS001', 'staff position Auklėtojas')).text).toBe('Profile saved.');
    expect((await command('UJONAS001', 'staff language lt')).text).toBe('Profilis išsaugotas.');
    const jonas = await h.t.app.staff.findBySlackUser('UJONAS001');
    expect(jonas).toMatchObject({ position: 'Auklėtojas', language: 'lt' });
    expect((await command('UJONAS001', 'staff phone abc')).text).toMatch(/^Patikrinkite laukus: phone/);

    expect((await command('UONA00001', 'staff manager <@UJONAS001|jonas> <@UONA00001|ona>')).text).toBe('Šiam veiksmui neturite teisių.');
    const set = await command('UADMIN001', 'staff manager <@UJONAS001|jonas> <@UONA00001|ona>');
    expect(set.text).toBe('Jonas Jonaitis tiesioginis vadovas: Ona Onaitė.');
    expect((await h.t.app.staff.findBySlackUser('UJONAS001')).managerId).toBe(h.staff.ona.id);
    await h.t.app.staff.updateProfile(jonas.id, jonas.id, { language: 'en' });
  });

  it('K02/K03: find and show without their argument, and a form word without a number, answer with that word’s usage', async () => {
    const find = await command('UONA00001', 'find');
    expect(find.text).toBe('Kaip rašyti šią komandą');
    expect(JSON.stringify(find.blocks)).toContain('/inquiry find tekstas');
    expect(JSON.stringify(find.blocks)).not.toContain('/inquiry mine');
    const show = await command('UJONAS001', 'show');
    expect(show.text).toBe('How to write this command');
    expect(JSON.stringify(show.blocks)).toContain('/inquiry show 2026-000123');
    expect(JSON.stringify((await command('UONA00001', 'call')).blocks)).toContain('/inquiry call 2026-000123');
    expect(h.api.ok('views.open')).toEqual([]);
  });

  it('R4.owner (K01, D7): mine with 25 open inquiries shows the 20 most pressing, in order, to the asker alone', async () => {
    await h.t.app.staff.importMembers([{ firstName: 'Laima', surname: 'Laimaitė', email: 'laima@daigelis.lt', manager: 'vida@daigelis.lt', slackUserId: 'ULAIMA001' }]);
    const laima = await h.t.app.staff.findBySlackUser('ULAIMA001');
    const expected = await twentyFiveOpenInquiries(h.t.app, laima.id);
    const before = h.api.calls.length;
    const mine = await command('ULAIMA001', 'mine');
    expect(mine.text).toBe('Mano atviros užklausos');
    expect(numbersIn(JSON.stringify(mine.blocks))).toEqual(expected);
    // Nobody else is told: no post, DM, update or home tab; the answer went only to the command's response URL
    // (the one Web API call is the asker's own locale, read to choose the answer's language).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.api.calls.slice(before).filter((call) => call.method !== 'users.info').map((call) => call.method)).toEqual([]);
  });

  it('an unknown Slack user is told they are not in the staff directory', async () => {
    expect((await command('USTRANGER', 'mine')).text).toBe('Jūsų nėra darbuotojų sąraše. Kreipkitės į administratorių.');
  });
});

describe('App Home', () => {
  it('R4.owner / R14.reply-1wd: shows my open inquiries, the unclaimed queue and what is overdue', async () => {
    const mine = (await h.t.app.inquiries.register(emailedRequest({ subject: 'Mano', receivedAt: '2027-03-02T09:30:00+02:00' }))).inquiry;
    await h.t.app.inquiries.claim(mine.id, h.staff.ona.id);
    const queued = (await h.t.app.inquiries.register(emailedRequest({ subject: 'Eilėje', receivedAt: '2027-03-02T09:30:00+02:00' }))).inquiry;
    // Received last week, never answered: overdue now.
    const late = (await h.t.app.inquiries.register(emailedRequest({ subject: 'Pavėluota', receivedAt: '2027-02-22T09:00:00+02:00' }))).inquiry;
    const before = h.api.ok('views.publish').length;
    const answer = await postEvent(h.events, appHomeOpened('UONA00001'));
    expect(answer.status).toBe(200);
    const view = await eventually(() => {
      const published = h.api.ok('views.publish', (body) => body.user_id === 'UONA00001');
      expect(published.length).toBeGreaterThan(before);
      return published.at(-1)!.view;
    });
    expect(view.type).toBe('home');
    const headers = view.blocks.filter((block: any) => block.type === 'header').map((block: any) => block.text.text);
    expect(headers).toEqual(['Mano atviros užklausos', 'Laukia, kol kas nors imsis', 'Vėluojančios']);
    const sections = (title: string) => {
      const start = view.blocks.findIndex((block: any) => block.type === 'header' && block.text.text === title);
      const end = view.blocks.findIndex((block: any, index: number) => index > start && block.type === 'divider');
      return JSON.stringify(view.blocks.slice(start, end === -1 ? undefined : end));
    };
    expect(sections('Mano atviros užklausos')).toContain(mine.registryNumber);
    expect(sections('Laukia, kol kas nors imsis')).toContain(queued.registryNumber);
    expect(sections('Laukia, kol kas nors imsis')).toContain('"action_id":"claim"');
    expect(sections('Vėluojančios')).toContain(late.registryNumber);
    expect(sections('Vėluojančios')).not.toContain(queued.registryNumber);
    expect(sections('Vėluojančios')).not.toContain(mine.registryNumber);
  });

  it('a retried event (x-slack-retry-num) is acknowledged and not handled again', async () => {
    await outboxDelivered(h.t.app); // earlier events republish Ona's Home; let them finish first
    const publishedTo = (user: string) => h.api.ok('views.publish', (body) => body.user_id === user);
    // A republish is debounced, so it may still go out after its event was marked delivered: wait for quiet.
    for (let before = -1; before !== h.api.calls.length; ) {
      before = h.api.calls.length;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const [jonas, ona] = [publishedTo('UJONAS001').length, publishedTo('UONA00001').length];
    const answer = await postEvent(h.events, appHomeOpened('UJONAS001'), { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(answer.status).toBe(200);
    await postEvent(h.events, appHomeOpened('UONA00001'));
    await eventually(() => expect(publishedTo('UONA00001')).toHaveLength(ona + 1));
    expect(publishedTo('UJONAS001')).toHaveLength(jonas);
  });

  it('R4.owner: an opened Home is republished as its lists change (a new inquiry joins the queue, a claim moves it to mine); a Home never opened is not published', async () => {
    await postEvent(h.events, appHomeOpened('UONA00001'));
    await outboxDelivered(h.t.app);
    const publishedTo = (user: string) => h.api.ok('views.publish', (body) => body.user_id === user);
    const jonas = publishedTo('UJONAS001').length;
    const section = (title: string) => {
      const blocks = publishedTo('UONA00001').at(-1)!.view.blocks as any[];
      const start = blocks.findIndex((block) => block.type === 'header' && block.text.text === title);
      const end = blocks.findIndex((block, index) => index > start && block.type === 'divider');
      return JSON.stringify(blocks.slice(start, end === -1 ? undefined : end));
    };
    const { inquiry } = await h.t.app.inquiries.register(emailedRequest({ subject: 'Nauja eilėje', receivedAt: '2027-03-02T09:40:00+02:00' }));
    await eventually(() => expect(section('Laukia, kol kas nors imsis')).toContain(inquiry.registryNumber));
    await h.t.app.inquiries.claim(inquiry.id, h.staff.ona.id);
    await eventually(() => expect(section('Mano atviros užklausos')).toContain(inquiry.registryNumber));
    expect(section('Laukia, kol kas nors imsis')).not.toContain(inquiry.registryNumber);
    await outboxDelivered(h.t.app);
    expect(publishedTo('UJONAS001')).toHaveLength(jonas);
  });
});
