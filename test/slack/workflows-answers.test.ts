import { SECONDARY_ACTIONS } from '../../src/bot/core/inquiry-card.js';
import { eventually, ManualClock } from '../support/app.js';
import { withSmtp, type SmtpReceiver } from '../support/smtp-receiver.js';
import { blockKitViolations } from './support/block-kit-limits.js';
import { blockAction, menuChoice, picked, slashCommand, text, viewSubmission } from './support/payloads.js';
import { postCommand, postInteraction } from './support/signed-requests.js';
import { startSlackHarness, STAFF_CHANNEL, type SlackHarness } from './support/slack-harness.js';
import { buttonsOf, claimedInquiry, dm, openedView, placeOf } from './support/workflow-steps.js';

let h: SlackHarness & { smtp: SmtpReceiver };
const clock = new ManualClock(new Date('2027-03-01T10:00:00+02:00'));

beforeAll(async () => {
  h = await withSmtp((env) => startSlackHarness({ clock }, env));
});
afterAll(() => h.stop());
afterEach(() => expect(blockKitViolations(h.api.calls)).toEqual([]));

/** The announcement as last rendered (posted, then updated in place). */
function card(inquiryId: string, ts: string): Record<string, any> {
  const renders = [
    ...h.api.ok('chat.postMessage', (body) => body.channel === STAFF_CHANNEL && !body.thread_ts && JSON.stringify(body.blocks).includes(inquiryId)),
    ...h.api.ok('chat.update', (body) => body.ts === ts),
  ];
  return renders.at(-1)!;
}

const controls = (message: Record<string, any>) => message.blocks.find((block: any) => block.type === 'actions').elements as any[];
const choose = (user: string, action: string, inquiryId: string, ts: string) =>
  postInteraction(h.events, menuChoice(user, 'inquiry_more', `${action}:${inquiryId}`, { channel: STAFF_CHANNEL, ts }));

/** A printable letter's page, fetched from the running service (the link names PUBLIC_URL, unset in tests). */
async function letterPage(url: string) {
  const link = new URL(url);
  expect(link.pathname).toBe('/letters');
  return fetch(`${h.t.app.url}${link.pathname}${link.search}`);
}

describe('the card', () => {
  it('the owner\'s card keeps its main buttons and folds the workflow actions into one menu; each option opens its form and the menu is reset', async () => {
    const { inquiry, ts } = await claimedInquiry(h, h.staff.ona.id);
    const elements = await eventually(() => {
      const found = controls(card(inquiry.id, ts));
      expect(found.at(-1).type).toBe('static_select');
      return found;
    });
    expect(elements.slice(0, -1).map((element) => element.action_id)).toEqual(['log_call', 'reply_email', 'mark_replied', 'escalate', 'details']);
    const menu = elements.at(-1);
    expect(menu).toMatchObject({ action_id: 'inquiry_more', placeholder: { text: 'Daugiau veiksmų…' } });
    expect(menu.options.map((option: any) => option.value.split(':')[0]).sort()).toEqual([...SECONDARY_ACTIONS].sort());
    expect(menu.options.every((option: any) => option.value.endsWith(`:${inquiry.id}`))).toBe(true);
    expect(menu.options.find((option: any) => option.value.startsWith('record_progress')).text.text).toBe('Tarpinis rezultatas');

    const forms: Record<string, string> = {
      schedule_call: 'Suplanuoti skambutį',
      plan_meeting: 'Susitikimas su klientu',
      external_step: 'Kita institucija',
      record_progress: 'Tarpinis rezultatas',
      write_letter: 'Atsakymas raštu',
      holding_reply: 'Tarpinis atsakymas',
    };
    for (const [action, title] of Object.entries(forms)) {
      const renders = h.api.ok('chat.update', (body) => body.ts === ts).length;
      await choose('UONA00001', action, inquiry.id, ts);
      expect((await openedView(h, action, inquiry.id)).title.text).toBe(title);
      // Re-rendered in place, so the select shows no choice and the same option can be picked again.
      await eventually(() => expect(h.api.ok('chat.update', (body) => body.ts === ts).length).toBe(renders + 1));
    }
  });
});

describe('R55.same-channel', () => {
  it('R55.same-channel / R36.signature: Answer by letter is refused before the form opens when the writer cannot sign', async () => {
    const { inquiry, ts } = await claimedInquiry(h, h.staff.jonas.id);
    const opened = h.api.ok('views.open').length;
    await choose('UJONAS001', 'write_letter', inquiry.id, ts);
    const refusal = 'Before writing to a client (an e-mail or a letter), add your position, first name, surname and phone to your profile (missing: position, phone).';
    await eventually(() => expect(h.api.ok('chat.postEphemeral', (body) => body.user === 'UJONAS001' && body.text === refusal)).toHaveLength(1));
    expect(h.api.ok('views.open')).toHaveLength(opened);
  });

  it('R55.same-channel: a letter complaint answered only by e-mail cannot be resolved (told privately, naming the channel); after Answer by letter it can, and then closed', async () => {
    const { inquiry: registered } = await h.t.app.inquiries.register({
      kind: 'complaint',
      channel: 'letter',
      client: { name: 'Petras Petraitis', email: 'petras@example.lt', language: 'lt' },
      subject: 'Skundas dėl maitinimo',
      body: 'Raštu gautas skundas.',
      receivedAt: '2027-03-01T09:00:00+02:00',
      registeredById: h.staff.ona.id,
    });
    const ts = await h.announcementOf(registered.id);
    const inquiry = await h.t.app.inquiries.claim(registered.id, h.staff.ona.id);
    await h.t.app.mail.messaging.replyToClient(inquiry.id, h.staff.ona.id, 'Atsakome el. paštu.');

    await choose('UONA00001', 'resolve', inquiry.id, ts);
    const refusal = `Skundas ${inquiry.registryNumber} turi būti atsakytas tuo pačiu būdu, kuriuo gautas: raštu, popieriniu laišku. Pirmiausia atsakykite taip, tada uždarykite.`;
    await eventually(() => expect(h.api.ok('chat.postEphemeral', (body) => body.channel === STAFF_CHANNEL && body.user === 'UONA00001' && body.text === refusal)).toHaveLength(1));
    expect((await h.t.app.queries.get(inquiry.id)).inquiry.status).toBe('in_progress');

    await choose('UONA00001', 'write_letter', inquiry.id, ts);
    const form = await openedView(h, 'write_letter', inquiry.id);
    expect(form.blocks.map((block: any) => block.block_id)).toEqual(['text']);
    await postInteraction(h.events, viewSubmission('UONA00001', 'write_letter', { text: text('Gerb. Petrai,\n\natsakome į jūsų skundą raštu.') }, JSON.parse(form.private_metadata)));
    const issued = await dm(h, 'DONA00001', `${inquiry.registryNumber}: raštas paruoštas – atverkite, atspausdinkite ir išsiųskite.`);
    const [[linkAction, url], open] = buttonsOf(issued);
    expect(linkAction).toBe('open_letter');
    expect(open).toEqual(['details', inquiry.id]);
    const page = await letterPage(url!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain(inquiry.registryNumber);
    expect(html).toContain('atsakome į jūsų skundą raštu.');

    // Slack sends the link button's click too: it is acked quietly.
    const ephemerals = h.api.ok('chat.postEphemeral').length;
    const click = await postInteraction(h.events, blockAction('UONA00001', 'open_letter', '', placeOf(h, issued)));
    expect(click.status).toBe(200);
    expect(h.api.ok('chat.postEphemeral')).toHaveLength(ephemerals);

    await choose('UONA00001', 'resolve', inquiry.id, ts);
    await eventually(async () => expect((await h.t.app.queries.get(inquiry.id)).inquiry.status).toBe('resolved'));
    // The transition table allows a letter after resolution too (ALLOWED_FROM.write_letter): it waits in the menu.
    await eventually(() => expect(controls(card(inquiry.id, ts)).map((element) => element.action_id)).toEqual(['close', 'details', 'inquiry_more']));
    await postInteraction(h.events, blockAction('UONA00001', 'close', inquiry.id, { channel: STAFF_CHANNEL, ts }));
    await eventually(async () => expect((await h.t.app.queries.get(inquiry.id)).inquiry.status).toBe('closed'));
    await eventually(() => expect(controls(card(inquiry.id, ts)).map((element) => element.action_id)).toEqual(['details']));
    expect(h.api.ok('chat.postEphemeral', (body) => body.user === 'UONA00001' && body.text === refusal)).toHaveLength(1);
  });
});

describe('R19.status', () => {
  it('R19.status: a recorded decision is offered to the client; one click e-mails it in their channel and the offer turns into what was done, in place; a second click only says so', async () => {
    const { inquiry, ts, address } = await claimedInquiry(h, h.staff.ona.id);
    await choose('UONA00001', 'record_progress', inquiry.id, ts);
    const form = await openedView(h, 'record_progress', inquiry.id);
    expect(form.blocks.find((block: any) => block.block_id === 'stage').element).toMatchObject({ type: 'radio_buttons', initial_option: { value: 'intermediate' } });
    const metadata = JSON.parse(form.private_metadata);
    const blank = await postInteraction(h.events, viewSubmission('UONA00001', 'record_progress', { note: text(null), stage: picked('decision') }, metadata));
    expect(blank.json).toEqual({ response_action: 'errors', errors: { note: 'Privaloma užpildyti' } });
    await postInteraction(h.events, viewSubmission('UONA00001', 'record_progress', { note: text('Vieta grupėje patvirtinta nuo rugsėjo.'), stage: picked('decision') }, metadata));

    const offer = await dm(h, 'DONA00001', `${inquiry.registryNumber}: įrašyta. Informuoti klientą jo kanalu (el. paštu)?`);
    expect(JSON.stringify(offer.blocks)).toContain('Vieta grupėje patvirtinta nuo rugsėjo.');
    const noteId = (await h.t.app.queries.get(inquiry.id)).timeline.find((entry) => entry.action === 'progress_recorded')!.details.noteId as string;
    expect(buttonsOf(offer)).toEqual([['inform_client', `${inquiry.id}:${noteId}`], ['details', inquiry.id]]);

    const place = placeOf(h, offer);
    await postInteraction(h.events, blockAction('UONA00001', 'inform_client', `${inquiry.id}:${noteId}`, place));
    const [mail] = await eventually(() => {
      const found = h.smtp.to(address);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(mail!.parsed.subject).toContain('Naujienos apie jūsų kreipimąsi');
    expect(mail!.parsed.text).toContain('Vieta grupėje patvirtinta nuo rugsėjo.');
    expect(mail!.parsed.text).toMatch(/Auklėtoja\nOna Onaitė\nTel\. \+37060000002/);
    const [done] = await eventually(() => {
      const found = h.api.ok('chat.update', (body) => body.channel === 'DONA00001' && body.ts === place.ts);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(done!.blocks.some((block: any) => block.type === 'actions')).toBe(false);
    expect(JSON.stringify(done!.blocks)).toContain(`${inquiry.registryNumber}: klientui siunčiamas el. laiškas jo kalba.`);
    await eventually(() => expect(h.api.ok('chat.postMessage', (body) => body.thread_ts === ts && body.text === `${inquiry.registryNumber}: klientui pranešta el. paštu.`)).toHaveLength(1));

    // A second click (an old copy of the offer) sends nothing more.
    await postInteraction(h.events, blockAction('UONA00001', 'inform_client', `${inquiry.id}:${noteId}`, place));
    await eventually(() => {
      const again = h.api.ok('chat.update', (body) => body.channel === 'DONA00001' && body.ts === place.ts);
      expect(again).toHaveLength(2);
      expect(JSON.stringify(again[1]!.blocks)).toContain(`${inquiry.registryNumber}: klientas apie tai jau informuotas.`);
    });
    expect(h.smtp.to(address)).toHaveLength(1);
  });

  it('R19.status: a client who wrote a letter is informed by letter: the offer turns into the link to print it', async () => {
    const { inquiry: registered } = await h.t.app.inquiries.register({
      kind: 'request', channel: 'letter', client: { name: 'Rūta Rūtienė', language: 'lt' }, subject: 'Prašymas raštu', receivedAt: '2027-03-01T09:00:00+02:00', registeredById: h.staff.ona.id,
    });
    await h.announcementOf(registered.id);
    const inquiry = await h.t.app.inquiries.claim(registered.id, h.staff.ona.id);
    await h.t.app.inquiries.recordProgress(inquiry.id, h.staff.ona.id, { note: 'Prašymas perduotas komisijai.', stage: 'intermediate' });
    const offer = await dm(h, 'DONA00001', `${inquiry.registryNumber}: įrašyta. Informuoti klientą jo kanalu (raštu, popieriniu laišku)?`);
    const place = placeOf(h, offer);
    await postInteraction(h.events, blockAction('UONA00001', 'inform_client', buttonsOf(offer)[0]![1], place));
    const [done] = await eventually(() => {
      const found = h.api.ok('chat.update', (body) => body.channel === 'DONA00001' && body.ts === place.ts);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(JSON.stringify(done!.blocks)).toContain(`${inquiry.registryNumber}: raštas paruoštas – atverkite, atspausdinkite ir išsiųskite.`);
    const [[action, url]] = buttonsOf(done!);
    expect(action).toBe('open_letter');
    const page = await letterPage(url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Prašymas perduotas komisijai.');
    // The link is in the offer already; no second message says the same.
    await eventually(() => expect(h.api.ok('chat.postMessage', (body) => body.thread_ts && String(body.text).includes(`${inquiry.registryNumber}: klientui pranešta raštu`))).toHaveLength(1));
    expect(h.api.ok('chat.postMessage', (body) => body.channel === 'DONA00001' && String(body.text).startsWith(`${inquiry.registryNumber}: raštas paruoštas`))).toEqual([]);
  });
});

describe('the inquiry view', () => {
  it('R35.no-internal: Details and `/inquiry show` tell the whole story — deadlines with their state, calls, meetings, steps, letters, internal lines marked — with buttons for what waits, within 50 blocks', async () => {
    const { inquiry, ts } = await claimedInquiry(h, h.staff.ona.id);
    const { calls, meetings, externalSteps } = h.t.app;
    const { clientChannel } = h.t.app.mail;
    // Many long call notes: the view keeps the newest and says how many earlier ones it leaves out.
    for (let index = 1; index <= 12; index += 1) {
      await calls.logCall(inquiry.id, h.staff.ona.id, { outcome: 'reached', summary: `Skambutis ${index}: ${'aptarta '.repeat(300)}`, clientExpectation: 'Vieta' });
    }
    const meeting = await meetings.plan(inquiry.id, h.staff.ona.id, {
      format: 'in_person', startsAt: '2027-03-01T11:00:00+02:00', chairId: h.staff.manager.id, recorderId: h.staff.ona.id, agenda: 'Vieta grupėje',
    });
    await meetings.recordMinutes(meeting.id, h.staff.ona.id, { decisions: 'Vieta suteikta' });
    const step = await externalSteps.add(inquiry.id, h.staff.ona.id, { institution: 'Kauno savivaldybė', what: 'Lengvata', dueAt: '2027-03-05T12:00:00+02:00' });
    const letter = await clientChannel.issueLetter(inquiry.id, h.staff.ona.id, 'Atsakymas raštu.');

    await postInteraction(h.events, blockAction('UONA00001', 'details', inquiry.id, { channel: STAFF_CHANNEL, ts }));
    const [view] = await eventually(() => {
      const found = h.api.ok('chat.postEphemeral', (body) => body.user === 'UONA00001' && body.text === `Prašymas ${inquiry.registryNumber}`);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(view!.blocks.length).toBeLessThanOrEqual(50);
    const shown = JSON.stringify(view!.blocks);
    expect(shown).toContain('*Terminai*');
    expect(shown).toContain(':hourglass_flowing_sand: Susitikimo santrauka klientui: Vieta grupėje · 2027-03-03 10:00 · laukiama');
    expect(shown).toContain(':hourglass_flowing_sand: Kitos institucijos sprendimas: Kauno savivaldybė · 2027-03-05 12:00 · laukiama');
    expect(shown).toContain(':white_check_mark: Pirmas atsakymas');
    expect(shown).toContain(':lock: Vidinė pastaba – klientui nesiunčiama');
    expect(shown).toContain('*Skambučiai*');
    expect(shown).toContain(':lock: 2027-03-01 10:00 · pavyko susisiekti');
    expect(shown).toContain('Skambutis 12:');
    expect(shown).not.toContain('Skambutis 1: ');
    expect(shown).toMatch(/… ir dar \d+ ankstesni įrašai/);
    expect(shown).toContain('*Susitikimai*');
    expect(shown).toContain(':lock: Priimti sprendimai: Vieta suteikta');
    expect(shown).toContain('*Kitos institucijos*');
    expect(shown).toContain('*Išsiųsta klientui*');
    expect(shown).toContain('*Eiga*');
    const row = (blockId: string) => buttonsOf({ blocks: view!.blocks.filter((block: any) => block.block_id === blockId) });
    // The card's own buttons and menu are at hand here too…
    expect(row('inquiry_actions').map(([action]) => action)).toEqual(['log_call', 'reply_email', 'escalate', 'inquiry_more']);
    // …and a button for each part that waits on someone.
    const buttons = row('story_actions');
    expect(buttons.map(([action]) => action)).toEqual(['send_summary', 'record_decision', 'open_letter']);
    expect(buttons[0]![1]).toBe(`${inquiry.id}:${meeting.id}`);
    expect(buttons[1]![1]).toBe(`${inquiry.id}:${step.id}`);
    // R55.same-channel: signed for the viewer (Ona), expiring.
    expect(buttons[2]![1]).toMatch(new RegExp(`/letters\\?id=${letter.id}&staff=${h.staff.ona.id}&expires=\\d+&sig=[\\w-]+$`));

    // The story's buttons work: Send summary opens the summary form, Record decision the decision form.
    await postInteraction(h.events, blockAction('UONA00001', 'send_summary', buttons[0]![1], { channel: STAFF_CHANNEL, ts: '1.1' }));
    expect((await openedView(h, 'send_summary', meeting.id)).blocks[0].element.initial_value).toBe('Vieta suteikta');
    await postInteraction(h.events, blockAction('UONA00001', 'record_decision', buttons[1]![1], { channel: STAFF_CHANNEL, ts: '1.1' }));
    await openedView(h, 'record_decision', step.id);

    await postCommand(h.events, slashCommand('UJONAS001', `show ${inquiry.registryNumber}`, `${h.api.url}/hooks/show-story`));
    const answer = await eventually(() => {
      const hook = h.api.hooks.find((candidate) => candidate.path === '/hooks/show-story');
      expect(hook).toBeDefined();
      return hook!.body;
    });
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(answer.blocks)).toContain('*Deadlines*'); // Jonas reads English
    // Issue #15 (least privilege): Jonas neither owns nor supervises it — the deadlines, but no note of the family.
    expect(JSON.stringify(answer.blocks)).toContain('Only the owner and managers see');
    expect(JSON.stringify(answer.blocks)).not.toContain('Internal note');
    expect(JSON.stringify(answer.blocks)).not.toContain('Vieta suteikta');
  });
});
