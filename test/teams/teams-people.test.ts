import { emailedRequest } from '../support/app.js';
import { numbersIn, twentyFiveOpenInquiries } from '../support/pressing-list.js';
import { cardAction, message, taskFetch, taskSubmit, TEAM_ID, teamsUser } from './support/activities.js';
import { cardActions, cardButtons, cardText, cardsIn, fieldError } from './support/cards.js';
import { allSentCards, eventually, expectValidCards, people, startTeams, type TeamsHarness, personalChat, announcementOf } from './support/teams-app.js';
import type { TeamsUser } from './support/activities.js';

let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeams();
});
afterAll(() => h.stop());

const texts = (user: TeamsUser) => h.connector.sent(personalChat(user)).map((call) => cardText(cardsIn(call.body)[0]));

async function claimedBy(who: 'ona' | 'jonas' | 'manager' | 'rasa', overrides: Record<string, unknown> = {}) {
  const { inquiry } = await h.t.app.inquiries.register(emailedRequest(overrides));
  const messageId = await announcementOf(h, inquiry.id);
  await h.t.app.inquiries.claim(inquiry.id, h.staff[who].id);
  return { inquiry, messageId };
}

describe('Teams: nudges and overdue notices', () => {
  it('R14.reply-1wd: a reminder reaches the owner proactively in a new 1:1 chat, with Mark replied and Open', async () => {
    const { inquiry } = await claimedBy('ona');
    const notice = { inquiryId: inquiry.id, deadline: 'first_reply' as const, stage: 'reminder' as const, dueAt: inquiry.firstReplyDue };
    expect(await h.t.app.notices.notify(notice)).toEqual({ outcome: 'sent' });
    await eventually(() => expect(texts(people.ona).some((text) => text.includes(`Priminimas: į ${inquiry.registryNumber}`))).toBe(true));
    expect(h.connector.created().map((call) => call.body.members)).toContainEqual([{ id: people.ona.id, name: '' }]);
    const reminder = h.connector.sent(personalChat(people.ona)).map((call) => cardsIn(call.body)[0]).find((card) => cardText(card).includes(inquiry.registryNumber));
    expect(cardButtons(reminder)).toEqual(['inquiry.mark_replied', 'inquiry.details']);

    const answer = await h.post(cardAction(h.connector.url, people.ona, 'inquiry.mark_replied', { inquiryId: inquiry.id, view: 'notice' }, { personal: true }));
    expect(cardText(answer.body.value)).toContain(`${inquiry.registryNumber}: pažymėta, kad atsakyta.`);
    expect((await h.t.app.queries.get(inquiry.id)).inquiry.firstReplyAt).not.toBeNull();
    // The 1:1 chat is created once and then reused.
    const { inquiry: second } = await claimedBy('ona');
    await h.t.app.notices.notify({ ...notice, inquiryId: second.id, dueAt: second.firstReplyDue });
    await eventually(() => expect(texts(people.ona).some((text) => text.includes(second.registryNumber))).toBe(true));
    expect(h.connector.created().filter((call) => JSON.stringify(call.body.members).includes(people.ona.id))).toHaveLength(1);
  });

  it('R14.reply-1wd: overdue → a 1:1 notice to the owner in their language and a reply in the announcement’s thread', async () => {
    const { inquiry, messageId } = await claimedBy('jonas');
    await h.t.app.notices.notify({ inquiryId: inquiry.id, deadline: 'first_reply', stage: 'overdue', dueAt: inquiry.firstReplyDue });
    await eventually(() => expect(texts(people.jonas).some((text) => text.includes(`Overdue: ${inquiry.registryNumber} needed a reply by`))).toBe(true));
    await eventually(() => {
      const thread = h.connector.replies(TEAM_ID).filter((call) => call.activityId === messageId);
      expect(thread.map((call) => cardText(cardsIn(call.body)[0]))).toEqual([expect.stringContaining(`Vėluojama: į ${inquiry.registryNumber} reikėjo atsakyti`)]);
      expect(thread[0]!.body.replyToId).toBe(messageId);
    });
  });

  it('R4.owner: nobody claimed within an office hour → a nudge in the channel itself with Claim; claiming from it replaces the button with who took it', async () => {
    const { inquiry } = await h.t.app.inquiries.register(emailedRequest());
    const messageId = await announcementOf(h, inquiry.id);
    const data = await eventually(async () => {
      const [job] = await h.t.app.dataSource.query(`SELECT json_build_object('dueAt', due_at) AS data FROM notice_schedule WHERE inquiry_id = $1 AND deadline = 'claim' LIMIT 1`, [inquiry.id]);
      expect(job).toBeDefined();
      return job.data as { dueAt: string };
    });
    await h.t.app.notices.notify({ inquiryId: inquiry.id, deadline: 'claim', stage: 'overdue', dueAt: new Date(data.dueAt) });
    const nudgeText = `Užklausos ${inquiry.registryNumber} dar niekas nepaėmė. Ar galite jos imtis?`;
    const nudge = await eventually(() => {
      const found = h.connector.sent(TEAM_ID).filter((call) => cardText(cardsIn(call.body)[0]).startsWith(nudgeText));
      expect(found).toHaveLength(1);
      return found[0]!;
    });
    const card = cardsIn(nudge.body)[0];
    expect(cardButtons(card)).toEqual(['inquiry.claim', 'inquiry.details']);
    expect(h.connector.replies(TEAM_ID).filter((call) => call.activityId === messageId)).toHaveLength(0);
    expectValidCards([card]);

    const claim = cardActions(card).find((action) => action.verb === 'inquiry.claim')!;
    const answer = await h.post(cardAction(h.connector.url, people.rasa, 'inquiry.claim', claim.data));
    expect(cardButtons(answer.body.value)).toEqual([]);
    expect((await h.t.app.queries.get(inquiry.id)).inquiry.ownerId).toBe(h.staff.rasa.id);
    const [{ message_id: nudgeId }] = await h.t.app.dataSource.query(`SELECT message_id FROM chat_posts WHERE platform = 'teams' AND inquiry_id = $1 AND purpose = 'unclaimed'`, [inquiry.id]);
    await eventually(() => expect(h.connector.updates(nudgeId).map((call) => cardText(cardsIn(call.body)[0])).join('\n')).toContain('Jos ėmėsi Rasa Rasaitė.'));
  });
});

describe('Teams: dialogs', () => {
  it('R44.call-notes / R16.expectations: the post-call dialog re-shows errors, then saves to the timeline and the thread', async () => {
    const { inquiry, messageId } = await claimedBy('ona');
    const fetched = await h.post(taskFetch(h.connector.url, people.ona, { dialog: 'log_call', inquiryId: inquiry.id }));
    expect(fetched.body.task.type).toBe('continue');
    const form = fetched.body.task.value.card.content;
    expect(cardText(form)).toContain('Kokio rezultato tikisi klientas');

    const invalid = await h.post(taskSubmit(h.connector.url, people.ona, { dialog: 'log_call', inquiryId: inquiry.id, outcome: 'reached', summary: 'Aptarėme vietas', nextStep: 'Paskambinti', nextStepDueDate: '' }));
    expect(invalid.body.task.type).toBe('continue');
    const again = invalid.body.task.value.card.content;
    expect(cardText(again)).toContain('Patikrinkite pažymėtus laukus.');
    expect(JSON.stringify(again)).toContain('"value":"Aptarėme vietas"');
    expect(cardText(again).match(/Privaloma užpildyti/g)!.length).toBeGreaterThanOrEqual(2); // expectation and next-step due
    expect((await h.t.app.queries.get(inquiry.id)).timeline.some((entry) => entry.action === 'call_logged')).toBe(false);

    const saved = await h.post(taskSubmit(h.connector.url, people.ona, {
      dialog: 'log_call', inquiryId: inquiry.id, outcome: 'reached', summary: 'Aptarėme laisvas vietas', clientExpectation: 'Vieta nuo rugsėjo',
      alternativesOffered: 'Kita grupė', risksExplained: '', nextStep: 'Paskambinti', nextStepDueDate: '2027-03-03', nextStepDueTime: '14:30', emailSummaryToClient: 'true',
    }));
    expect(saved.body).toEqual({ task: { type: 'message', value: `${inquiry.registryNumber}: skambučio santrauka išsaugota.` } });
    const entry = (await h.t.app.queries.get(inquiry.id)).timeline.find((line) => line.action === 'call_logged');
    // R14.urgent-call: no outgoing e-mail here, so the summary toggle was not offered and a forged one is ignored.
    expect(entry!.details).toMatchObject({ call: { outcome: 'reached', clientExpectation: 'Vieta nuo rugsėjo', emailSummaryToClient: false, nextStepDue: new Date('2027-03-03T14:30:00+02:00').toISOString() } });
    await eventually(() => {
      const thread = h.connector.replies(TEAM_ID).filter((call) => call.activityId === messageId).map((call) => cardText(cardsIn(call.body)[0]));
      expect(thread).toEqual([expect.stringContaining('Vidinė pastaba – klientui nesiunčiama')]);
      expect(thread[0]).toContain('Aptarėme laisvas vietas');
    });
    expectValidCards([form, again]);
  });

  it('R14.holding-reply: the holding-reply dialog refuses a past date under its field and accepts a valid one', async () => {
    const { inquiry } = await claimedBy('ona');
    const past = await h.post(taskSubmit(h.connector.url, people.ona, { dialog: 'holding_reply', inquiryId: inquiry.id, promisedByDate: '2027-02-01', promisedByTime: '10:00' }));
    expect(fieldError(past.body.task.value.card.content, 'promisedBy')).toBe('Pasirinkite laiką ateityje.');
    const ok = await h.post(taskSubmit(h.connector.url, people.ona, { dialog: 'holding_reply', inquiryId: inquiry.id, promisedByDate: '2027-03-10', promisedByTime: '12:00' }));
    expect(ok.body.task.type).toBe('message');
    expect((await h.t.app.queries.get(inquiry.id)).inquiry.promisedBy).toEqual(new Date('2027-03-10T12:00:00+02:00'));
  });
});

describe('Teams: escalations', () => {
  it('R54.escalate-unresolved: the dialog reaches the manager by DM; Acknowledge replaces the buttons and tells the raiser', async () => {
    const { inquiry } = await claimedBy('ona');
    const missing = await h.post(taskSubmit(h.connector.url, people.ona, { dialog: 'escalate', inquiryId: inquiry.id, type: 'conflict', whatHappened: 'Tėvai nepatenkinti' }));
    expect(missing.body.task.type).toBe('continue');
    const raised = await h.post(taskSubmit(h.connector.url, people.ona, {
      dialog: 'escalate', inquiryId: inquiry.id, type: 'conflict', whatHappened: 'Tėvai nepatenkinti', clientToldWhat: 'Paskambinsime rytoj', followUpAtDate: '2027-03-02', followUpAtTime: '11:00',
    }));
    expect(raised.body.task).toEqual({ type: 'message', value: `${inquiry.registryNumber}: perduota vadovui.` });
    const card = await eventually(() => {
      const found = h.connector.sent(personalChat(people.manager)).map((call) => cardsIn(call.body)[0]).find((candidate) => cardText(candidate).includes(inquiry.registryNumber));
      expect(found).toBeDefined();
      return found;
    });
    expect(cardText(card)).toContain('Ona Onaitė perduoda jums neišspręstą konfliktą');
    expect(cardText(card)).toContain('Paskambinsime rytoj');
    expect(cardText(card)).toContain('rytoj 11:00');
    // D24: Open on the escalation card, as on Slack.
    expect(cardButtons(card)).toEqual(['escalation.acknowledge', 'escalation.take_over', 'inquiry.details']);
    const escalationId = (await h.t.app.queries.get(inquiry.id)).escalations[0]!.id;
    const acknowledged = await h.post(cardAction(h.connector.url, people.manager, 'escalation.acknowledge', { escalationId }, { personal: true }));
    expect(cardButtons(acknowledged.body.value)).toEqual([]);
    expect(cardText(acknowledged.body.value)).toContain('Vida Vadovė susipažino');
    await eventually(() => expect(texts(people.ona).some((text) => text.includes(`Vida Vadovė susipažino su perdavimu dėl ${inquiry.registryNumber}`))).toBe(true));
    // D19: the notifier updates the manager's keyed escalation DM in place too — the outcome, no buttons.
    const updated = await eventually(() => {
      const found = h.connector.updates().filter((call) => call.conversationId === personalChat(people.manager)).map((call) => cardsIn(call.body)[0]).find((candidate) => cardText(candidate).includes('susipažino'));
      expect(found).toBeDefined();
      return found;
    });
    expect(cardButtons(updated)).toEqual([]);
    expectValidCards([card, acknowledged.body.value, updated]);
  });

  it('R58.incident: at once to the manager with Refer to head; the head decides and manager and raiser are told', async () => {
    const { inquiry } = await claimedBy('ona');
    await h.post(taskSubmit(h.connector.url, people.ona, { dialog: 'escalate', inquiryId: inquiry.id, type: 'incident', whatHappened: 'Grasino darbuotojai' }));
    const card = await eventually(() => {
      const found = h.connector.sent(personalChat(people.manager)).map((call) => cardsIn(call.body)[0]).find((candidate) => cardText(candidate).includes(`SKUBU: Ona Onaitė`) && cardText(candidate).includes(inquiry.registryNumber));
      expect(found).toBeDefined();
      return found;
    });
    expect(cardButtons(card)).toEqual(['escalation.acknowledge', 'escalation.take_over', 'escalation.refer_to_head', 'inquiry.details']);
    const escalationId = (await h.t.app.queries.get(inquiry.id)).escalations[0]!.id;
    const referred = await h.post(cardAction(h.connector.url, people.manager, 'escalation.refer_to_head', { escalationId }, { personal: true }));
    // D19: the clicked card shows the same words the notices put on the manager's DM (no Teams-only text).
    expect(cardText(referred.body.value)).toContain('incidentą perdavėte direktoriui');
    const headCard = await eventually(() => {
      const found = h.connector.sent(personalChat(people.head)).map((call) => cardsIn(call.body)[0]).find((candidate) => cardText(candidate).includes(inquiry.registryNumber));
      expect(found).toBeDefined();
      return found;
    });
    expect(cardButtons(headCard)).toEqual(['escalation.decide', 'escalation.decide', 'inquiry.details']);
    const decided = await h.post(cardAction(h.connector.url, people.head, 'escalation.decide', { escalationId, report: true }, { personal: true }));
    expect(cardText(decided.body.value)).toContain('pranešti kompetentingoms institucijoms');
    const expected = `Direktoriaus sprendimas dėl ${inquiry.registryNumber}: pranešti kompetentingoms institucijoms.`;
    await eventually(() => {
      expect(texts(people.manager).some((text) => text.includes(expected))).toBe(true);
      expect(texts(people.ona).some((text) => text.includes(expected))).toBe(true);
    });
    expect((await h.t.app.queries.get(inquiry.id)).escalations[0]).toMatchObject({ status: 'decided', reportedToAuthorities: true });
    expectValidCards([card, headCard, decided.body.value]);
  });

  it('R54.escalate-unresolved: with no manager the raiser and the admins are told and the escalation stays pending', async () => {
    const { inquiry } = await claimedBy('manager');
    await h.post(taskSubmit(h.connector.url, people.manager, { dialog: 'escalate', inquiryId: inquiry.id, type: 'incident', whatHappened: 'Incidentas' }));
    await eventually(() => {
      expect(texts(people.manager).some((text) => text.includes(`perdavimas dėl ${inquiry.registryNumber} laukia`) && text.includes('Administratoriai informuoti'))).toBe(true);
      expect(texts(people.admin).some((text) => text.includes(`Vida Vadovė perdavimas dėl ${inquiry.registryNumber} laukia`))).toBe(true);
    });
    expect((await h.t.app.queries.get(inquiry.id)).escalations[0]!.status).toBe('pending');
  });
});

describe('Teams: commands', () => {
  const personalReplies = (user: TeamsUser) =>
    h.connector.replies(`a:personal-${user.id}`).map((call) => (call.body.text as string | undefined) ?? cardText(cardsIn(call.body)[0]));

  it('R7.channels: `new` offers the dialog, which registers a phone inquiry (errors first) that is then announced', async () => {
    const before = personalReplies(people.ona).length;
    await h.post(message(h.connector.url, people.ona, 'new', { personal: true }));
    await eventually(() => expect(personalReplies(people.ona).length).toBe(before + 1));
    const launcher = h.connector.replies(`a:personal-${people.ona.id}`).at(-1)!;
    expect(cardButtons(cardsIn(launcher.body)[0])).toEqual(['dialog:new']);
    // Input ids are the domain's paths (forms in the core); "an e-mail or a phone" lands beside the phone (D27).
    const invalid = await h.post(taskSubmit(h.connector.url, people.ona, { dialog: 'new', kind: 'question', channel: 'phone', 'client.name': 'Tomas Tomaitis', subject: 'Dėl maitinimo' }));
    expect(fieldError(invalid.body.task.value.card.content, 'client.phone')).toBe('Privaloma užpildyti');
    const saved = await h.post(taskSubmit(h.connector.url, people.ona, { dialog: 'new', kind: 'question', channel: 'phone', 'client.name': 'Tomas Tomaitis', 'client.phone': '+370 600 11111', subject: 'Dėl maitinimo', body: 'Klausė apie meniu' }));
    const number = /(\d{4}-\d{6})/.exec(saved.body.task.value)![1]!;
    const { inquiry, timeline } = await h.t.app.queries.get(number);
    expect(inquiry).toMatchObject({ channel: 'phone', kind: 'question', client: { phone: '+370 600 11111' } });
    expect(timeline[0]).toMatchObject({ action: 'registered', actorId: h.staff.ona.id });
    await eventually(() => expect(h.connector.sent(TEAM_ID).some((call) => cardText(cardsIn(call.body)[0]).includes(number))).toBe(true));
  });

  it('R4.owner: mine, show, find and call answer in the 1:1 chat; unknown input gets the help', async () => {
    const { inquiry } = await claimedBy('rasa', { subject: 'Unikalus žodis zuikis' });
    const ask = async (text: string) => {
      const count = personalReplies(people.rasa).length;
      expect((await h.post(message(h.connector.url, people.rasa, text, { personal: true }))).status).toBe(200);
      return eventually(() => {
        expect(personalReplies(people.rasa).length).toBe(count + 1);
        return personalReplies(people.rasa).at(-1)!;
      });
    };
    expect(await ask('mine')).toContain(inquiry.registryNumber);
    expect(await ask(`show ${inquiry.registryNumber}`)).toContain('Eiga');
    expect(await ask('find zuikis')).toContain(inquiry.registryNumber);
    expect(await ask(`call ${inquiry.registryNumber}`)).toContain(`${inquiry.registryNumber}: užpildykite skambučio santrauką.`);
    expect(await ask('labas')).toContain('Langelis: komandos');
    expect(await ask('labas')).toContain('@Langelis mine');
    expect(await ask('show 2027-999999')).toContain('Užklausa 2027-999999 nerasta.');
    // K02/K03: understood but incomplete → that word's usage, not the whole help.
    const find = await ask('find');
    expect(find).toContain('Kaip rašyti šią komandą');
    expect(find).toContain('@Langelis find tekstas');
    expect(find).not.toContain('@Langelis mine');
    expect(await ask('show')).toContain('@Langelis show 2026-000123');
  });

  it('R4.owner (K01, D7): mine with 25 open inquiries shows the 20 most pressing, in order, to the asker alone', async () => {
    const laima = teamsUser('Laima Laimaitė', 7);
    await h.t.app.staff.importMembers([{ firstName: 'Laima', surname: 'Laimaitė', email: 'laima@daigelis.lt', manager: 'vida@daigelis.lt', teamsUserId: laima.aadObjectId }]);
    const expected = await twentyFiveOpenInquiries(h.t.app, (await h.t.app.staff.findByTeamsUser(laima.aadObjectId)).id);
    const before = h.connector.calls.length;
    expect((await h.post(message(h.connector.url, laima, 'mine', { personal: true }))).status).toBe(200);
    const personal = `a:personal-${laima.id}`;
    const card = await eventually(() => {
      const [reply] = h.connector.replies(personal);
      expect(reply).toBeDefined();
      return cardsIn(reply!.body)[0];
    });
    expect(cardText(card)).toContain('Mano atviros užklausos');
    expect(numbersIn(cardText(card))).toEqual(expected);
    // Nobody else is told: the one answer went to the asker's 1:1 chat.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.connector.calls.slice(before).filter((call) => call.conversationId !== personal)).toEqual([]);
    expect(h.connector.calls.slice(before)).toHaveLength(1);
  });

  it('staff position|language edit my profile; staff manager @member @manager (admins) sets who gets escalations', async () => {
    const before = personalReplies(people.rasa).length;
    await h.post(message(h.connector.url, people.rasa, 'staff position Auklėtojos padėjėja', { personal: true }));
    await eventually(() => expect(personalReplies(people.rasa).slice(before)).toEqual(['Profilis išsaugotas.']));
    expect((await h.t.app.staff.findByTeamsUser(people.rasa.aadObjectId)).position).toBe('Auklėtojos padėjėja');

    // In the channel: @Langelis staff manager @Rasa @Dalia, by an admin; Teams' mentions carry only the 29: ids.
    const command = message(h.connector.url, people.admin, 'staff manager <at>Rasa Rasaitė</at> <at>Dalia Direktorė</at>');
    command.entities.push(
      { type: 'mention', text: '<at>Rasa Rasaitė</at>', mentioned: { id: people.rasa.id, name: people.rasa.name } },
      { type: 'mention', text: '<at>Dalia Direktorė</at>', mentioned: { id: people.head.id, name: people.head.name } },
    );
    await h.post(command);
    await eventually(async () => expect((await h.t.app.staff.findByTeamsUser(people.rasa.aadObjectId)).managerId).toBe(h.staff.head.id));
    await eventually(() =>
      expect(h.connector.replies(`${TEAM_ID};messageid=1700000000000`).map((call) => call.body.text)).toContain('Rasa Rasaitė tiesioginis vadovas: Dalia Direktorė.'),
    );
  });

  it('an @mention in the channel works the same; the Teams locale switches to English', async () => {
    await h.post(message(h.connector.url, people.ona, 'help', { locale: 'en-US' }));
    await eventually(() => expect(h.connector.replies(`${TEAM_ID};messageid=1700000000000`).map((call) => cardText(cardsIn(call.body)[0]))).toContainEqual(expect.stringContaining('Langelis: commands')));
  });
});

describe('Teams: a failing connector', () => {
  it('R12.records: 429 with Retry-After and 5xx are retried; the announcement is posted exactly once', async () => {
    h.connector.failNext(2, 429, '0');
    const { inquiry: throttled } = await h.t.app.inquiries.register(emailedRequest());
    await eventually(() => expect(h.connector.sent(TEAM_ID).filter((call) => cardText(cardsIn(call.body)[0]).includes(throttled.registryNumber))).toHaveLength(1));
    const throttledAttempts = h.connector.calls.filter((call) => call.conversationId === TEAM_ID && JSON.stringify(call.body).includes(throttled.registryNumber));
    expect(throttledAttempts.map((call) => call.status)).toEqual([429, 429, 200]);

    // More failures than the connector client retries by itself: the outbox retries the event later.
    h.connector.failNext(6, 503);
    const { inquiry: down } = await h.t.app.inquiries.register(emailedRequest());
    await eventually(() => expect(h.connector.sent(TEAM_ID).filter((call) => cardText(cardsIn(call.body)[0]).includes(down.registryNumber))).toHaveLength(1), 40_000);
    const attempts = h.connector.calls.filter((call) => call.conversationId === TEAM_ID && call.method === 'POST' && JSON.stringify(call.body).includes(down.registryNumber));
    expect(attempts.filter((call) => call.status === 503)).toHaveLength(6);
    // The post is stored once the connector's answer is read, a moment after the connector saw the request.
    expect(await announcementOf(h, down.id)).toMatch(/^m-\d+$/);
  });

  it('every card the bot sent in this file is valid Adaptive Card 1.5', () => {
    expectValidCards(allSentCards(h.connector));
  });
});
