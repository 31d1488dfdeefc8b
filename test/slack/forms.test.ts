import { eventually, ManualClock } from '../support/app.js';
import { blockKitViolations } from './support/block-kit-limits.js';
import { blockAction, choice, formAnswer, menuChoice, slashCommand, text, ticked, viewSubmission, when } from './support/payloads.js';
import { postCommand, postInteraction } from './support/signed-requests.js';
import { startSlackHarness, STAFF_CHANNEL, type SlackHarness } from './support/slack-harness.js';
import { savedText } from './support/workflow-steps.js';

let h: SlackHarness;
const clock = new ManualClock(new Date('2027-03-01T10:00:00+02:00'));

beforeAll(async () => {
  h = await startSlackHarness({ clock });
});
afterAll(() => h.stop());
afterEach(() => expect(blockKitViolations(h.api.calls)).toEqual([]));



function openedView(callbackId: string, inquiryId: string) {
  return eventually(() => {
    const found = h.api.ok('views.open', (body) => body.view.callback_id === callbackId && body.view.private_metadata.includes(inquiryId));
    expect(found).toHaveLength(1);
    return found[0]!.view;
  });
}

describe('post-call summary', () => {
  it('R44.call-notes / R16.expectations: Log call opens the form; missing fields are shown inline; a valid summary lands on the timeline and in the thread', async () => {
    const inquiry = await h.claimedBy(h.staff.ona.id);
    const ts = await h.announcementOf(inquiry.id);
    await postInteraction(h.events, blockAction('UONA00001', 'log_call', inquiry.id, { channel: STAFF_CHANNEL, ts }));
    const view = await openedView('log_call', inquiry.id);
    // R14.urgent-call: no outgoing e-mail here, so "e-mail the client a summary" is not offered.
    // R29.agreed-time: the client's name, phone and e-mail first (`note`), then the fields.
    expect(view.blocks.map((block: any) => block.block_id)).toEqual([
      'note', 'outcome', 'retryAt', 'summary', 'clientExpectation', 'alternativesOffered', 'risksExplained', 'nextStep', 'nextStepDue',
    ]);
    expect(view.title.text).toBe('Skambučio santrauka');
    const metadata = JSON.parse(view.private_metadata);

    const invalid = await postInteraction(h.events, viewSubmission('UONA00001', 'log_call', {
      outcome: choice('reached'), summary: text(null), clientExpectation: text(null), nextStep: text('Paskambinti'), nextStepDue: when(null),
    }, metadata));
    expect(invalid.status).toBe(200);
    expect(invalid.json).toEqual({
      response_action: 'errors',
      errors: { summary: 'Privaloma užpildyti', clientExpectation: 'Privaloma užpildyti', nextStepDue: 'Privaloma užpildyti' },
    });
    expect((await h.t.app.queries.get(inquiry.id)).timeline.filter((entry) => entry.action === 'call_logged')).toHaveLength(0);

    const valid = await postInteraction(h.events, viewSubmission('UONA00001', 'log_call', {
      outcome: choice('reached'),
      summary: text('Aptarėme <!here> vietą grupėje'),
      clientExpectation: text('Vieta nuo rugsėjo'),
      alternativesOffered: text('Kita grupė'),
      risksExplained: text('Eilė gali keistis'),
      nextStep: text('Patvirtinti raštu'),
      nextStepDue: when(new Date('2027-03-03T12:00:00+02:00')),
      emailSummaryToClient: ticked(true),
    }, metadata));
    expect(valid.status).toBe(200);
    expect(savedText(valid)).toBe(`${inquiry.registryNumber}: skambučio santrauka išsaugota.`);
    const entry = await eventually(async () => {
      const found = (await h.t.app.queries.get(inquiry.id)).timeline.find((item) => item.action === 'call_logged');
      expect(found).toBeDefined();
      return found!;
    });
    expect(JSON.stringify(entry.details)).toContain('Vieta nuo rugsėjo');
    expect(JSON.stringify(entry.details)).toContain('"emailSummaryToClient":false'); // a forged tick of what was not offered
    const [note] = await eventually(() => {
      const found = h.api.ok('chat.postMessage', (body) => body.thread_ts === ts && JSON.stringify(body.blocks).includes('Vidinė pastaba'));
      expect(found).toHaveLength(1);
      return found;
    });
    const noteText = JSON.stringify(note!.blocks);
    expect(noteText).toContain('pavyko susisiekti');
    expect(noteText).toContain('Vieta nuo rugsėjo');
    expect(noteText).toContain('&lt;!here&gt;');
    expect(noteText).not.toContain('<!here>');
    expect(h.api.ok('chat.postMessage', (body) => body.channel === 'UONA00001')).toHaveLength(0); // no DM for a save
  });

  it('R44.call-notes / R16.expectations: what Slack marks "(optional)" may be left empty — the form is redrawn as the outcome and the next step make fields required', async () => {
    const inquiry = await h.claimedBy(h.staff.ona.id);
    const ts = await h.announcementOf(inquiry.id);
    await postInteraction(h.events, blockAction('UONA00001', 'log_call', inquiry.id, { channel: STAFF_CHANNEL, ts }));
    const view = await openedView('log_call', inquiry.id);
    const drawn = (blocks: any[]) => Object.fromEntries(blocks.filter((block) => block.type === 'input').map((block) => [block.block_id, { optional: block.optional, label: block.label.text, hint: block.hint?.text ?? null, dispatch: block.dispatch_action === true }]));
    // No outcome yet: nothing depends on it is required, and each such field says when it would be.
    expect(drawn(view.blocks)).toMatchObject({
      outcome: { optional: false, dispatch: true },
      summary: { optional: true, label: 'Kas aptarta', hint: 'privaloma, kai su klientu pavyko susisiekti', dispatch: false },
      retryAt: { optional: true, hint: expect.stringContaining('neatsiliepė') },
      nextStep: { optional: true, dispatch: true },
      nextStepDue: { optional: true },
    });
    const updates = () => h.api.ok('views.update', (body) => body.view_id === 'VMODAL1' && body.view.callback_id === 'log_call');

    await postInteraction(h.events, formAnswer('UONA00001', view, 'outcome', { outcome: choice('reached'), summary: text('Aptarėme') }));
    const reached = await eventually(() => {
      expect(updates()).toHaveLength(1);
      return updates()[0]!;
    });
    expect(reached.hash).toBe('1800000000.abc'); // a newer change wins over this redraw
    expect(drawn(reached.view.blocks)).toMatchObject({
      summary: { optional: false, label: 'Kas aptarta', hint: null },
      clientExpectation: { optional: false, hint: null },
      retryAt: { optional: true },
      nextStepDue: { optional: true }, // no next step named yet
    });
    expect(reached.view.blocks.find((block: any) => block.block_id === 'summary').element.initial_value).toBe('Aptarėme');

    // A next step typed: its date becomes required. Typing more changes nothing, so nothing is redrawn again.
    await postInteraction(h.events, formAnswer('UONA00001', reached.view, 'nextStep', { outcome: choice('reached'), nextStep: text('P') }));
    await eventually(() => expect(updates()).toHaveLength(2));
    expect(drawn(updates()[1]!.view.blocks).nextStepDue).toMatchObject({ optional: false });
    await postInteraction(h.events, formAnswer('UONA00001', updates()[1]!.view, 'nextStep', { outcome: choice('reached'), nextStep: text('Pa') }));
    // The client did not answer the first time: the retry is required, the summary is not.
    await postInteraction(h.events, formAnswer('UONA00001', updates()[1]!.view, 'outcome', { outcome: choice('no_answer'), nextStep: text('Pa') }));
    await eventually(() => expect(updates()).toHaveLength(3));
    expect(drawn(updates()[2]!.view.blocks)).toMatchObject({ retryAt: { optional: false }, summary: { optional: true }, nextStepDue: { optional: true } });
    // …and the submission enforces exactly that.
    const missed = await postInteraction(h.events, viewSubmission('UONA00001', 'log_call', { outcome: choice('no_answer'), retryAt: when(null) }, JSON.parse(view.private_metadata)));
    expect(Object.keys(missed.json.errors)).toEqual(['retryAt']);
    expect(h.api.ok('chat.postMessage', (body) => body.channel === 'UONA00001')).toHaveLength(0); // a redraw says nothing
  });

  it('R31.callback: after the first miss the retry is plainly optional, and a second miss without one is accepted', async () => {
    const inquiry = await h.claimedBy(h.staff.ona.id);
    await h.t.app.calls.logCall(inquiry.id, h.staff.ona.id, { outcome: 'busy', retryAt: new Date('2027-03-01T12:00:00+02:00') });
    const ts = await h.announcementOf(inquiry.id);
    await postInteraction(h.events, blockAction('UONA00001', 'log_call', inquiry.id, { channel: STAFF_CHANNEL, ts }));
    const view = await openedView('log_call', inquiry.id);
    const retry = view.blocks.find((block: any) => block.block_id === 'retryAt');
    expect(retry).toMatchObject({ optional: true, label: { text: 'Kada skambinti vėl (ne anksčiau nei po 30 min.)' } });
    expect(retry.hint).toBeUndefined();
    const saved = await postInteraction(h.events, viewSubmission('UONA00001', 'log_call', { outcome: choice('busy'), retryAt: when(null) }, JSON.parse(view.private_metadata)));
    expect(saved.json.response_action).toBe('update');
  });

  it('R44.call-notes: `/inquiry call <number>` opens the same form for that inquiry', async () => {
    const inquiry = await h.claimedBy(h.staff.jonas.id);
    const answer = await postCommand(h.events, slashCommand('UJONAS001', `call ${inquiry.registryNumber}`, `${h.api.url}/hooks/call`));
    expect(answer.status).toBe(200);
    const view = await openedView('log_call', inquiry.id);
    expect(view.title.text).toBe('Call summary');
  });

  it('R14.holding-reply: Holding reply (in the card\'s menu) asks for the date; one in the past is refused beside the field; a valid one is recorded', async () => {
    const inquiry = await h.claimedBy(h.staff.ona.id);
    const ts = await h.announcementOf(inquiry.id);
    await postInteraction(h.events, menuChoice('UONA00001', 'inquiry_more', `holding_reply:${inquiry.id}`, { channel: STAFF_CHANNEL, ts }));
    const metadata = JSON.parse((await openedView('holding_reply', inquiry.id)).private_metadata);
    const past = await postInteraction(h.events, viewSubmission('UONA00001', 'holding_reply', { promisedBy: when(new Date('2027-02-01T10:00:00+02:00')) }, metadata));
    expect(past.json).toEqual({ response_action: 'errors', errors: { promisedBy: expect.stringContaining('ateityje') } });
    const ok = await postInteraction(h.events, viewSubmission('UONA00001', 'holding_reply', { promisedBy: when(new Date('2027-03-05T12:00:00+02:00')) }, metadata));
    expect(savedText(ok)).toBe(`${inquiry.registryNumber}: tarpinis atsakymas užregistruotas, terminas 2027-03-05 12:00.`);
    expect((await h.t.app.queries.get(inquiry.id)).inquiry.promisedBy).toEqual(new Date('2027-03-05T12:00:00+02:00'));
  });
});

describe('registering by hand', () => {
  it('R7.channels: `/inquiry new` opens the form; a phone inquiry is registered by the staff member and announced', async () => {
    await postCommand(h.events, slashCommand('UONA00001', 'new', `${h.api.url}/hooks/new`));
    const view = await eventually(() => {
      const found = h.api.ok('views.open', (body) => body.view.callback_id === 'new_inquiry');
      expect(found.length).toBeGreaterThan(0);
      return found.at(-1)!.view;
    });
    const channel = view.blocks.find((block: any) => block.block_id === 'channel');
    expect(channel.element.options.map((option: any) => option.value)).toEqual(['phone', 'in_person', 'letter']);

    const noContact = await postInteraction(h.events, viewSubmission('UONA00001', 'new_inquiry', {
      kind: choice('question'), channel: choice('phone'), 'client.name': text('Petras Petraitis'), 'client.email': text(null), 'client.phone': text(null),
      'client.language': choice('lt'), subject: text('Dėl maitinimo'), body: text('Skambino dėl meniu'),
    }));
    // D27: "an e-mail or a phone" lands beside the phone, worded as on Teams (was: beside the e-mail, "invalid").
    expect(noContact.json).toEqual({ response_action: 'errors', errors: { 'client.phone': 'Privaloma užpildyti' } });

    const registered = await postInteraction(h.events, viewSubmission('UONA00001', 'new_inquiry', {
      kind: choice('question'), channel: choice('phone'), 'client.name': text('Petras Petraitis'), 'client.email': text(null), 'client.phone': text('+370 600 11111'),
      'client.language': choice('lt'), subject: text('Dėl maitinimo'), body: text('Skambino dėl meniu'),
    }));
    expect(savedText(registered)).toMatch(/^Užregistruota: \d{4}-\d{6}\.$/);
    const [found] = await h.t.app.queries.list({ text: 'Dėl maitinimo', limit: 5 });
    expect(found!.inquiry).toMatchObject({ channel: 'phone', kind: 'question', client: { phone: '+370 600 11111' } });
    const registeredBy = (await h.t.app.queries.get(found!.inquiry.id)).timeline.find((entry) => entry.action === 'registered');
    expect(registeredBy!.actorId).toBe(h.staff.ona.id);
    await h.announcementOf(found!.inquiry.id);
  });
});
