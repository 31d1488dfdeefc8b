import { eventually, ManualClock } from '../support/app.js';
import { withSmtp, type SmtpReceiver } from '../support/smtp-receiver.js';
import { blockKitViolations } from './support/block-kit-limits.js';
import { blockAction, choice, menuChoice, slashCommand, text, viewSubmission, when } from './support/payloads.js';
import { postCommand, postInteraction } from './support/signed-requests.js';
import { startSlackHarness, STAFF_CHANNEL, type SlackHarness } from './support/slack-harness.js';
import { buttonsOf, claimedInquiry, dm, fireNotice, openedView, placeOf, savedText } from './support/workflow-steps.js';

let h: SlackHarness & { smtp: SmtpReceiver };
// Monday 10:00 in Vilnius: office hours, so call reminders go out when their job runs.
const MONDAY = '2027-03-01T10:00:00+02:00';
const clock = new ManualClock(new Date(MONDAY));

beforeAll(async () => {
  h = await withSmtp((env) => startSlackHarness({ clock }, env));
});
afterAll(() => h.stop());
beforeEach(() => clock.set(MONDAY));
afterEach(() => expect(blockKitViolations(h.api.calls)).toEqual([]));


const missed = (retryAt: Date | null) => ({ outcome: choice('no_answer'), retryAt: when(retryAt), summary: text(null), clientExpectation: text(null) });

describe('R29.agreed-time', () => {
  it('R29.agreed-time: Schedule call from the card\'s menu; a past time is refused beside it; shortly before, the owner gets the plan, the history and Log call', async () => {
    const { inquiry, ts } = await claimedInquiry(h, h.staff.ona.id);
    // An earlier call, so the reminder has history to show.
    await h.t.app.calls.logCall(inquiry.id, h.staff.ona.id, { outcome: 'reached', summary: 'Aptarėme dokumentus', clientExpectation: 'Vieta nuo rugsėjo' });

    await postInteraction(h.events, menuChoice('UONA00001', 'inquiry_more', `schedule_call:${inquiry.id}`, { channel: STAFF_CHANNEL, ts }));
    const view = await openedView(h, 'schedule_call', inquiry.id);
    expect(view.title.text).toBe('Suplanuoti skambutį');
    // The client's contacts at the top (`note`), then the fields.
    expect(view.blocks.map((block: any) => [block.block_id, block.element?.type ?? block.type])).toEqual([['note', 'section'], ['at', 'datetimepicker'], ['plan', 'plain_text_input']]);
    const metadata = JSON.parse(view.private_metadata);

    const past = await postInteraction(h.events, viewSubmission('UONA00001', 'schedule_call', { at: when(new Date('2027-03-01T09:00:00+02:00')), plan: text('Aptarti vietą') }, metadata));
    expect(past.json).toEqual({ response_action: 'errors', errors: { at: 'Pasirinkite laiką ateityje.' } });
    expect((await h.t.app.queries.get(inquiry.id)).inquiry.nextCall).toBeNull();

    const agreed = new Date('2027-03-01T14:00:00+02:00');
    const saved = await postInteraction(h.events, viewSubmission('UONA00001', 'schedule_call', { at: when(agreed), plan: text('Aptarti vietą grupėje „Drugeliai“') }, metadata));
    expect(savedText(saved)).toBe(`${inquiry.registryNumber}: skambutis suplanuotas šiandien 14:00. Priminsiu prieš 10 min.`);
    expect((await h.t.app.queries.get(inquiry.id)).inquiry.nextCall).toEqual({ at: agreed, plan: 'Aptarti vietą grupėje „Drugeliai“', purpose: 'agreed' });
    await eventually(() => expect(h.api.ok('chat.postMessage', (body) => body.thread_ts === ts && body.text === `Suderintas skambutis klientui dėl ${inquiry.registryNumber}: šiandien 14:00.`)).toHaveLength(1));

    clock.set('2027-03-01T13:50:00+02:00');
    await fireNotice(h, inquiry.id, 'call', 'reminder', agreed);
    const reminder = await dm(h, 'DONA00001', `Priminimas: šiandien 14:00 skambutis klientui dėl ${inquiry.registryNumber}.`);
    const shown = JSON.stringify(reminder.blocks);
    expect(shown).toContain('Pokalbio planas');
    expect(shown).toContain('Aptarti vietą grupėje „Drugeliai“');
    expect(shown).toContain(':lock: 2027-03-01 10:00 · pavyko susisiekti'); // the earlier call, marked internal
    expect(shown).toContain('Aptarėme dokumentus');
    expect(buttonsOf(reminder)).toEqual([['log_call', inquiry.id], ['details', inquiry.id]]);

    // Log call works from the reminder: the post-call form opens for this inquiry.
    await postInteraction(h.events, blockAction('UONA00001', 'log_call', inquiry.id, placeOf(h, reminder)));
    await openedView(h, 'log_call', inquiry.id);
  });

  it('R29.agreed-time: `/inquiry schedule <number>` opens the same form (in English for Jonas)', async () => {
    const { inquiry } = await claimedInquiry(h, h.staff.jonas.id);
    await postCommand(h.events, slashCommand('UJONAS001', `schedule ${inquiry.registryNumber}`, `${h.api.url}/hooks/schedule`));
    const view = await openedView(h, 'schedule_call', inquiry.id);
    expect(view.title.text).toBe('Schedule a call');
  });
});

describe('R31.callback', () => {
  it('R31.callback: a first miss needs a retry no sooner than 30 minutes; 30 minutes later a reminder; a missed retry prompts an e-mail whose draft, in the client\'s language, reaches the client signed', async () => {
    const { inquiry, address } = await claimedInquiry(h, h.staff.ona.id, {}, { language: 'en' });
    await postInteraction(h.events, blockAction('UONA00001', 'log_call', inquiry.id, { channel: STAFF_CHANNEL, ts: await h.announcementOf(inquiry.id) }));
    const form = await openedView(h, 'log_call', inquiry.id);
    expect(form.blocks.find((block: any) => block.block_id === 'retryAt')).toMatchObject({
      optional: true, // until the outcome says the client did not answer (the form is redrawn then: test/slack/forms.test.ts)
      element: { type: 'datetimepicker' },
      label: { text: 'Kada skambinti vėl (ne anksčiau nei po 30 min.)' },
      hint: { text: 'privaloma, kai klientas neatsiliepė pirmą kartą' },
    });
    const metadata = JSON.parse(form.private_metadata);

    const noRetry = await postInteraction(h.events, viewSubmission('UONA00001', 'log_call', missed(null), metadata));
    expect(noRetry.json).toEqual({ response_action: 'errors', errors: { retryAt: 'Privaloma užpildyti' } });
    const tooSoon = await postInteraction(h.events, viewSubmission('UONA00001', 'log_call', missed(new Date('2027-03-01T10:20:00+02:00')), metadata));
    expect(tooSoon.json).toEqual({ response_action: 'errors', errors: { retryAt: 'Per anksti: skambinti vėl galima ne anksčiau kaip po 30 min.' } });
    expect((await h.t.app.queries.get(inquiry.id)).timeline.filter((entry) => entry.action === 'call_logged')).toHaveLength(0);

    const retryAt = new Date('2027-03-01T10:30:00+02:00');
    expect(savedText(await postInteraction(h.events, viewSubmission('UONA00001', 'log_call', missed(retryAt), metadata)))).toBe(`${inquiry.registryNumber}: pakartotinį skambutį priminsiu šiandien 10:30.`);
    expect((await h.t.app.queries.get(inquiry.id)).inquiry).toMatchObject({ missedCalls: 1, nextCall: { at: retryAt, purpose: 'retry' } });

    // 30 minutes later the job runs: the owner is reminded to try again, with Log call.
    clock.set('2027-03-01T10:30:00+02:00');
    await fireNotice(h, inquiry.id, 'call', 'reminder', retryAt);
    const reminder = await dm(h, 'DONA00001', `Priminimas: šiandien 10:30 skambutis klientui dėl ${inquiry.registryNumber}.`);
    expect(JSON.stringify(reminder.blocks)).toContain('Pakartotinis skambutis: klientas anksčiau neatsiliepė.');
    expect(JSON.stringify(reminder.blocks)).toContain(':lock: 2027-03-01 10:00 · neatsiliepė');
    expect(buttonsOf(reminder)[0]).toEqual(['log_call', inquiry.id]);

    // The retry is missed too: no new retry is required, and the owner is prompted to e-mail the client.
    await postInteraction(h.events, blockAction('UONA00001', 'log_call', inquiry.id, placeOf(h, reminder)));
    await eventually(() => expect(h.api.ok('views.open', (body) => body.view.callback_id === 'log_call' && body.view.private_metadata.includes(inquiry.id))).toHaveLength(2));
    expect(savedText(await postInteraction(h.events, viewSubmission('UONA00001', 'log_call', missed(null), metadata)))).toContain(inquiry.registryNumber);
    const prompt = await dm(h, 'DONA00001', `Klientas dėl ${inquiry.registryNumber} neatsiliepė ir antrą kartą. Pagal tvarką parašykite jam el. laišką – juodraštis paruoštas.`);
    expect(buttonsOf(prompt)).toEqual([['email_client', inquiry.id], ['details', inquiry.id]]);

    await postInteraction(h.events, blockAction('UONA00001', 'email_client', inquiry.id, placeOf(h, prompt)));
    const reply = await openedView(h, 'reply_email', inquiry.id);
    expect(reply.title.text).toBe('Atsakymas el. paštu'); // the form speaks Ona's language…
    const draft = reply.blocks[0].element.initial_value as string;
    expect(draft).toContain('Dear Giedrė Žemaitienė'); // …the draft the client's
    expect(draft).toContain(`we tried to call you about your inquiry ${inquiry.registryNumber}`);

    const sent = await postInteraction(h.events, viewSubmission('UONA00001', 'reply_email', { text: text(draft) }, JSON.parse(reply.private_metadata)));
    expect(savedText(sent)).toBe(`${inquiry.registryNumber}: laiškas klientui išsiųstas.`);
    const [mail] = await eventually(() => {
      const found = h.smtp.to(address);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(mail!.parsed.text).toContain('we tried to call you about your inquiry');
    expect(mail!.parsed.text).toMatch(/-- \nAuklėtoja\nOna Onaitė\nPhone \+37060000002/);
  });

  it('R31.callback: a client without an e-mail address: the owner is offered a letter or a call at a set time (D5), each button opens its form', async () => {
    const { inquiry } = await claimedInquiry(h, h.staff.ona.id, {}, { email: null, phone: '+37060000099' });
    await h.t.app.calls.logCall(inquiry.id, h.staff.ona.id, { outcome: 'busy', retryAt: '2027-03-01T11:00:00+02:00' });
    clock.set('2027-03-01T11:00:00+02:00');
    await h.t.app.calls.logCall(inquiry.id, h.staff.ona.id, { outcome: 'no_answer' });
    const prompt = await dm(h, 'DONA00001', `Klientas dėl ${inquiry.registryNumber} neatsiliepė ir antrą kartą, o el. pašto adreso nepaliko. Parašykite raštą arba bandykite vėl.`);
    expect(buttonsOf(prompt)).toEqual([['write_letter', inquiry.id], ['schedule_call', inquiry.id], ['details', inquiry.id]]);
    await postInteraction(h.events, blockAction('UONA00001', 'write_letter', inquiry.id, placeOf(h, prompt)));
    const letter = await openedView(h, 'write_letter', inquiry.id);
    expect(letter.title.text).toBe('Atsakymas raštu');
    await postInteraction(h.events, blockAction('UONA00001', 'schedule_call', inquiry.id, placeOf(h, prompt)));
    await openedView(h, 'schedule_call', inquiry.id);
  });
});
