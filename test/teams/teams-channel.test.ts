import { emailedRequest } from '../support/app.js';
import { cardAction, memberJoinedTeam, message, teamsUser, TEAM_ID } from './support/activities.js';
import { cardButtons, cardText, cardsIn } from './support/cards.js';
import { allSentCards, eventually, expectValidCards, people, personalChat, startTeams, type TeamsHarness, announcementOf } from './support/teams-app.js';

let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeams();
});
afterAll(() => h.stop());

describe('Teams: install and announcements', () => {
  it('R4.owner: adding the app to a team makes its channel the staff channel and remembers every member by AAD id', async () => {
    const rows = await h.t.app.dataSource.query(`SELECT key, reference FROM conversation_references WHERE platform = 'teams' ORDER BY key`);
    const byKey = Object.fromEntries(rows.map((row: { key: string; reference: unknown }) => [row.key, row.reference]));
    expect(byKey.staff_channel).toMatchObject({ conversationId: TEAM_ID, serviceUrl: h.connector.url, botId: '28:langelis-bot' });
    expect(byKey[people.ona.aadObjectId]).toMatchObject({ userId: people.ona.id, conversationId: null });
    expect(byKey[people.head.aadObjectId]).toMatchObject({ userId: people.head.id });
  });

  it('R4.owner: a member who joins later is remembered too', async () => {
    const newcomer = teamsUser('Nauja Auklėtoja', 7);
    expect((await h.post(memberJoinedTeam(h.connector.url, newcomer))).status).toBe(200);
    const [row] = await h.t.app.dataSource.query(`SELECT reference FROM conversation_references WHERE platform = 'teams' AND key = $1`, [newcomer.aadObjectId]);
    expect(row.reference).toMatchObject({ userId: newcomer.id });
  });

  it('R15.register: a new inquiry is announced once in the staff channel as an Adaptive Card with Claim and Details', async () => {
    const { inquiry } = await h.t.app.inquiries.register(emailedRequest({ subject: '<at>everyone</at> **skubu** [nuoroda](http://x.lt)' }));
    const messageId = await announcementOf(h, inquiry.id);
    const [post] = h.connector.sent(TEAM_ID).filter((call) => cardText(cardsIn(call.body)[0]).includes(inquiry.registryNumber));
    expect(post).toBeDefined();
    const card = cardsIn(post!.body)[0];
    expect(cardButtons(card)).toEqual(['inquiry.claim', 'inquiry.details']);
    // Client text is a plain TextRun: no markdown, no mentions.
    expect(JSON.stringify(card)).toContain('"type":"TextRun","text":"<at>everyone</at> **skubu** [nuoroda](http://x.lt)"');
    expect(messageId).toMatch(/^m-/);
    expectValidCards([card]);
  });

  it('R4.owner: two people clicking Claim at once → one owner, the other told who won, one card update', async () => {
    const { inquiry } = await h.t.app.inquiries.register(emailedRequest());
    const messageId = await announcementOf(h, inquiry.id);
    const data = { inquiryId: inquiry.id, view: 'announcement' };
    const [ona, jonas] = await Promise.all([
      h.post(cardAction(h.connector.url, people.ona, 'inquiry.claim', data)),
      h.post(cardAction(h.connector.url, people.jonas, 'inquiry.claim', data)),
    ]);
    const answers = [ona, jonas].map((answer) => answer.body);
    const winner = answers.find((body) => body.type === 'application/vnd.microsoft.card.adaptive');
    const loser = answers.find((body) => body.type === 'application/vnd.microsoft.activity.message');
    expect(winner).toBeDefined();
    expect(loser).toBeDefined();
    const { inquiry: stored, owner } = await h.t.app.queries.get(inquiry.id);
    expect(stored.status).toBe('claimed');
    const ownerName = `${owner!.firstName} ${owner!.surname}`;
    expect(loser.value).toMatch(new RegExp(`(jau ėmėsi|already claimed by) ${ownerName}`));
    expect(cardButtons(winner.value)).toEqual([
      'dialog:log_call', 'inquiry.mark_replied', 'dialog:escalate', 'inquiry.details',
      'dialog:schedule_call', 'dialog:plan_meeting', 'dialog:external_step', 'dialog:record_progress', 'dialog:write_letter', 'dialog:holding_reply', 'inquiry.resolve', 'inquiry.release',
      'dialog:hand_over',
    ]);
    await eventually(() => expect(h.connector.updates(messageId)).toHaveLength(1));
    const updated = cardsIn(h.connector.updates(messageId)[0]!.body)[0];
    expect(cardText(updated)).toContain(ownerName);
    expectValidCards([winner.value, updated]);
  });

  it('R4.owner: Teams re-sending the winner’s slow Claim is not applied twice and does not show an error', async () => {
    const { inquiry } = await h.t.app.inquiries.register(emailedRequest());
    const messageId = await announcementOf(h, inquiry.id);
    const click = cardAction(h.connector.url, people.rasa, 'inquiry.claim', { inquiryId: inquiry.id, view: 'announcement' });
    const first = await h.post(click);
    const again = await h.post(click);
    expect(first.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(again.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(again.body.value)).toContain('Rasa Rasaitė');
    const timeline = (await h.t.app.queries.get(inquiry.id)).timeline.filter((entry) => entry.action === 'claimed');
    expect(timeline).toHaveLength(1);
    await eventually(() => expect(h.connector.updates(messageId)).toHaveLength(1));
  });

  it('R15.register: a redelivered `registered` event updates the announcement instead of posting it twice', async () => {
    const { inquiry } = await h.t.app.inquiries.register(emailedRequest());
    const messageId = await announcementOf(h, inquiry.id);
    // The card reaches Teams before the outbox marks the event delivered; reset only after that mark, or it lands on our reset.
    const delivered = () =>
      h.t.app.dataSource.query(`SELECT 1 FROM outbox WHERE consumer = 'teams' AND inquiry_id = $1 AND event_type = 'registered' AND delivered_at IS NOT NULL`, [inquiry.id]);
    await eventually(async () => expect(await delivered()).toHaveLength(1));
    await h.t.app.dataSource.query(
      `UPDATE outbox SET delivered_at = NULL, next_attempt_at = now() WHERE consumer = 'teams' AND inquiry_id = $1 AND event_type = 'registered'`,
      [inquiry.id],
    );
    h.t.app.outbox.wake();
    await eventually(() => expect(h.connector.updates(messageId)).toHaveLength(1));
    expect(h.connector.sent(TEAM_ID).filter((call) => cardText(cardsIn(call.body)[0]).includes(inquiry.registryNumber))).toHaveLength(1);
  });

  it('R4.owner: the owner releases from the card; it offers Claim again to everyone', async () => {
    const { inquiry } = await h.t.app.inquiries.register(emailedRequest());
    const messageId = await announcementOf(h, inquiry.id);
    await h.t.app.inquiries.claim(inquiry.id, h.staff.ona.id);
    const answer = await h.post(cardAction(h.connector.url, people.ona, 'inquiry.release', { inquiryId: inquiry.id, view: 'announcement' }));
    expect(cardButtons(answer.body.value)).toEqual(['inquiry.claim', 'inquiry.details']);
    expect((await h.t.app.queries.get(inquiry.id)).inquiry).toMatchObject({ status: 'new', ownerId: null });
    await eventually(() => expect(cardButtons(cardsIn(h.connector.updates(messageId).at(-1)?.body ?? {})[0])).toEqual(['inquiry.claim', 'inquiry.details']));
  });

  it('R12.records: Details shows the whole body and the timeline privately to the clicker, in their language', async () => {
    const { inquiry } = await h.t.app.inquiries.register(emailedRequest({ body: 'Visas laiško tekstas ąčęėįšųūž.' }));
    await h.t.app.inquiries.claim(inquiry.id, h.staff.jonas.id);
    const answer = await h.post(cardAction(h.connector.url, people.jonas, 'inquiry.details', { inquiryId: inquiry.id, view: 'announcement' }));
    expect(answer.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const text = cardText(answer.body.value);
    expect(text).toContain('Visas laiško tekstas ąčęėįšųūž.');
    expect(text).toContain('Timeline'); // Jonas reads English.
    expect(text).toMatch(/claimed · Jonas Jonaitis/);
    expectValidCards([answer.body.value]);
  });

  it('R4.owner: someone not in the staff directory is told so and nothing changes', async () => {
    const { inquiry } = await h.t.app.inquiries.register(emailedRequest());
    await announcementOf(h, inquiry.id);
    const answer = await h.post(cardAction(h.connector.url, people.stranger, 'inquiry.claim', { inquiryId: inquiry.id }));
    expect(answer.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('darbuotojų sąraše') });
    expect((await h.t.app.queries.get(inquiry.id)).inquiry.ownerId).toBeNull();
    const command = await h.post(message(h.connector.url, people.stranger, 'mine', { personal: true, locale: 'en-GB' }));
    expect(command.status).toBe(200);
    await eventually(() => expect(h.connector.replies(`a:personal-${people.stranger.id}`).map((call) => call.body.text)).toContain('You are not in the staff directory. Please ask an admin.'));
  });

});

describe('Teams: a command typed in the staff channel is answered in a private chat (issue #15, least privilege)', () => {
  const THREAD = `${TEAM_ID};messageid=1700000000000`;
  const FAMILY = { name: 'Kanalo Šeimaitė', email: 'kanalas.seima@example.lt', phone: '+37069990777', subject: 'KANALAS-TEMA dėl alergijos', body: 'KANALAS-LAIŠKAS: vaikui alergija.', file: 'KANALAS-pazyma.pdf' };
  /** The channel's card shows the subject by design (R15.register); nothing else of the family may reach the channel. */
  const SECRETS = ['Šeimaitė', 'kanalas.seima', '69990777', 'KANALAS-LAIŠKAS', 'KANALAS-pazyma', '/attachments/', '/subject-access'];
  let number: string;

  beforeAll(async () => {
    const request = emailedRequest({ client: { name: FAMILY.name, email: FAMILY.email, phone: FAMILY.phone, language: 'lt' }, subject: FAMILY.subject, body: FAMILY.body });
    const { inquiry } = await h.t.app.inquiries.register(request);
    const announcement = await announcementOf(h, inquiry.id);
    await h.t.app.inquiries.claim(inquiry.id, h.staff.ona.id);
    await h.t.app.mail.messaging.storeAttachments(inquiry.id, request.externalId, [{ filename: FAMILY.file, contentType: 'application/pdf', content: Buffer.alloc(1_024, 1) }]);
    number = inquiry.registryNumber;
    // The claim's card update is the notifier's, not the commands': let it land first.
    await eventually(() => expect(h.connector.updates(announcement)).toHaveLength(1));
  });

  /** Everything the bot sent anywhere but `user`'s 1:1 chat since `from`: the channel, its threads, other people's chats. */
  const elsewhere = (from: number, user: { id: string }) => h.connector.calls.slice(from).filter((call) => call.conversationId !== personalChat(user));
  /** The messages among them (not the opening of a 1:1 chat, which names only the person). */
  const messagesElsewhere = (from: number, user: { id: string }) => elsewhere(from, user).filter((call) => call.path.includes('/activities')).map((call) => call.body.text);
  const privately = (from: number, user: { id: string }) => h.connector.calls.slice(from).filter((call) => call.conversationId === personalChat(user)).map((call) => cardText(cardsIn(call.body)[0]));

  it('R4.owner / R12.records: the owner’s `show <number>` in the channel → the story (contacts, messages, file names) in her 1:1 chat; the channel only hears “answered privately”', async () => {
    const from = h.connector.calls.length;
    expect((await h.post(message(h.connector.url, people.ona, `show ${number}`))).status).toBe(200);
    const story = await eventually(() => {
      const [text] = privately(from, people.ona);
      expect(text).toBeDefined();
      return text!;
    });
    for (const shown of [number, FAMILY.email, FAMILY.phone, FAMILY.body, FAMILY.file]) expect(story).toContain(shown);
    await eventually(() => expect(h.connector.replies(THREAD).slice(-1).map((call) => call.body.text)).toEqual(['Atsakiau jums asmeniniame pokalbyje su Langeliu.']));
    // The channel (and anyone else) got the pointer alone: nothing of the family, no file link.
    expect(messagesElsewhere(from, people.ona)).toEqual(['Atsakiau jums asmeniniame pokalbyje su Langeliu.']);
    const told = JSON.stringify(elsewhere(from, people.ona));
    for (const secret of SECRETS) expect([secret, told.includes(secret)]).toEqual([secret, false]);
  });

  it('R4.owner: `find`, `mine` and a manager’s `show` typed in the channel go to each asker’s 1:1 chat; the channel gets no personal data, in the asker’s language', async () => {
    for (const [user, text, pointer] of [
      [people.ona, 'find KANALAS', 'Atsakiau jums asmeniniame pokalbyje su Langeliu.'],
      [people.ona, 'mine', 'Atsakiau jums asmeniniame pokalbyje su Langeliu.'],
      [people.jonas, `show ${number}`, 'I answered you in a private chat.'],
      [people.manager, `show ${number}`, 'Atsakiau jums asmeniniame pokalbyje su Langeliu.'],
    ] as const) {
      const from = h.connector.calls.length;
      await h.post(message(h.connector.url, user, text));
      await eventually(() => expect(privately(from, user)).toHaveLength(1));
      await eventually(() => expect(messagesElsewhere(from, user)).toEqual([pointer]));
      const told = JSON.stringify(elsewhere(from, user));
      for (const secret of SECRETS) expect([text, secret, told.includes(secret)]).toEqual([text, secret, false]);
      if (text !== 'mine') expect(privately(from, user)[0]).toContain(number);
      // A supervisor's story has the contacts (R4.owner), in the 1:1 chat only.
      if (user === people.manager) expect(privately(from, user)[0]).toContain(FAMILY.email);
    }
  });

  it('R12.records: an admin’s `export <e-mail>` in the channel → the link in her 1:1 chat only, never in the channel', async () => {
    const from = h.connector.calls.length;
    await h.post(message(h.connector.url, people.admin, `export ${FAMILY.email}`));
    await eventually(() => expect(privately(from, people.admin)).toHaveLength(1));
    const link = h.connector.calls.slice(from).find((call) => call.conversationId === personalChat(people.admin))!;
    expect(JSON.stringify(link.body)).toContain('/subject-access');
    await eventually(() => expect(messagesElsewhere(from, people.admin)).toEqual(['Atsakiau jums asmeniniame pokalbyje su Langeliu.']));
    const told = JSON.stringify(elsewhere(from, people.admin));
    for (const secret of SECRETS) expect([secret, told.includes(secret)]).toEqual([secret, false]);
  });

  it('R4.owner: when Teams refuses the private chat, the channel is told to write privately — and still gets nothing of the answer', async () => {
    const from = h.connector.calls.length;
    // Dalia has no 1:1 chat with the bot yet: opening it is the next connector call, and Teams refuses it.
    h.connector.failNext(1, 403);
    await h.post(message(h.connector.url, people.head, `show ${number}`));
    await eventually(() => expect(messagesElsewhere(from, people.head)).toEqual(['Atsakymo kanale rodyti negaliu, o asmeniniame pokalbyje jūsų nepasiekiau: parašykite man asmeniniame pokalbyje.']));
    expect(h.connector.calls.slice(from).filter((call) => call.status === 403).map((call) => call.path)).toEqual(['/v3/conversations']);
    expect(privately(from, people.head)).toEqual([]);
    const told = JSON.stringify(elsewhere(from, people.head));
    for (const secret of SECRETS) expect([secret, told.includes(secret)]).toEqual([secret, false]);
  });

  it('help typed in the channel still answers there: it carries nothing of a family', async () => {
    const from = h.connector.calls.length;
    await h.post(message(h.connector.url, people.rasa, 'help'));
    await eventually(() => expect(h.connector.replies(THREAD).slice(-1).map((call) => cardText(cardsIn(call.body)[0]))).toEqual([expect.stringContaining('@Langelis mine')]));
    expect(privately(from, people.rasa)).toEqual([]);
  });

  it('every card the bot sent in this file is valid Adaptive Card 1.5', () => {
    expectValidCards(allSentCards(h.connector));
  });
});

describe('Teams: command answers that quote an inquiry are chat copies, cleaned when it is anonymised (issue #15 item 2)', () => {
  const THREAD = `${TEAM_ID};messageid=1700000000000`;
  const FAMILY = { name: 'Atsakymo Šeimaitė', email: 'atsakymas.seima@example.lt', phone: '+37069990888', subject: 'ATSAKYMAS-TEMA dėl maitinimo', body: 'ATSAKYMAS-LAIŠKAS: vaikui dieta.' };
  const SECRETS = ['Šeimaitė', 'atsakymas.seima', '69990888', 'ATSAKYMAS-TEMA', 'ATSAKYMAS-LAIŠKAS'];
  const POINTER = 'Atsakiau jums asmeniniame pokalbyje su Langeliu.';
  const chat = personalChat(people.ona);

  it('R12.records, R4.owner: ona’s `show <number>` in her 1:1 chat and in the channel, and her `find` → erased at the family’s request → each answer in her 1:1 chat is edited to the number and state, no buttons; the channel’s pointer is not touched; nothing is posted to anyone', async () => {
    const request = emailedRequest({ client: { name: FAMILY.name, email: FAMILY.email, phone: FAMILY.phone, language: 'lt' }, subject: FAMILY.subject, body: FAMILY.body });
    const { inquiry } = await h.t.app.inquiries.register(request);
    const announcement = await announcementOf(h, inquiry.id);
    await h.t.app.inquiries.claim(inquiry.id, h.staff.ona.id);
    await h.t.app.inquiries.recordFirstReply(inquiry.id, h.staff.ona.id);
    await h.t.app.inquiries.resolve(inquiry.id, h.staff.ona.id);
    await h.t.app.inquiries.close(inquiry.id, h.staff.ona.id);
    const pending = () => h.t.app.dataSource.query(`SELECT 1 FROM outbox WHERE consumer = 'teams' AND inquiry_id = $1 AND delivered_at IS NULL`, [inquiry.id]);
    await eventually(async () => expect(await pending()).toHaveLength(0));
    const number = inquiry.registryNumber;

    // Typed in the 1:1 chat: answered there (a reply). Typed in the channel: the story goes to the 1:1 chat, the channel
    // (the thread it was typed in) gets the pointer alone.
    const asked = h.connector.calls.length;
    expect((await h.post(message(h.connector.url, people.ona, `show ${number}`, { personal: true }))).status).toBe(200);
    expect((await h.post(message(h.connector.url, people.ona, `show ${number}`))).status).toBe(200);
    expect((await h.post(message(h.connector.url, people.ona, 'find ATSAKYMAS-TEMA', { personal: true }))).status).toBe(200);
    await eventually(() => expect(h.connector.calls.slice(asked).filter((call) => call.conversationId === chat && call.method === 'POST' && call.path.includes('/activities'))).toHaveLength(3));
    await eventually(() => expect(h.connector.replies(THREAD).slice(-1).map((call) => call.body.text)).toEqual([POINTER]));
    const answers = h.connector.calls.slice(asked).filter((call) => call.conversationId === chat && call.path.includes('/activities')).map((call) => cardText(cardsIn(call.body)[0]));
    for (const answer of answers) expect(answer).toContain(number);
    expect(answers.filter((answer) => answer.includes(FAMILY.email))).toHaveLength(2);

    // Each answer is remembered as a copy of the inquiry it quotes, in ona's 1:1 chat; the pointer is not (it quotes nothing).
    const copies = async () => h.t.app.dataSource.query(`SELECT purpose, channel_id, message_id FROM chat_posts WHERE platform = 'teams' AND inquiry_id = $1`, [inquiry.id]);
    const before: Array<{ purpose: string; channel_id: string; message_id: string }> = await copies();
    const inChat = before.filter((row) => row.channel_id === chat);
    expect(inChat).toHaveLength(3);
    for (const row of inChat) expect(row.purpose).toBe(`copy:${chat}:${row.message_id}`);
    expect(before.filter((row) => row.channel_id === THREAD)).toEqual([]);

    const erased = h.connector.calls.length;
    const result = await h.t.app.erasure.erase(h.staff.admin.id, FAMILY.email);
    expect(result.anonymised).toEqual([number]);
    await eventually(async () => expect(await pending()).toHaveLength(0));
    await eventually(() => expect(h.connector.updates().filter((call) => call.conversationId === chat && h.connector.calls.indexOf(call) >= erased)).toHaveLength(3));

    const since = h.connector.calls.slice(erased).filter((call) => call.path.includes('/activities'));
    // Nothing is posted, to anyone: every call is an edit, and exactly of the recorded copies (the announcement among them).
    expect(since.filter((call) => call.method !== 'PUT')).toEqual([]);
    expect(since.map((call) => call.activityId).sort()).toEqual(before.map((row) => row.message_id).sort());
    expect(since.map((call) => call.activityId)).toContain(announcement);
    // The pointer in the channel's thread held nothing of the family: it is left as it was.
    expect(since.filter((call) => call.conversationId === THREAD)).toEqual([]);
    expect(new Set(since.map((call) => call.conversationId))).toEqual(new Set([TEAM_ID, chat]));
    for (const call of since.filter((edit) => edit.conversationId === chat)) {
      const card = cardsIn(call.body)[0];
      expect(cardText(card)).toBe(`${number} · Uždaryta · asmens duomenys pašalinti (pasibaigus saugojimo terminui arba asmens prašymu).`);
      expect(cardButtons(card)).toEqual([]);
    }
    const told = JSON.stringify(since);
    for (const secret of SECRETS) expect([secret, told.includes(secret)]).toEqual([secret, false]);
  });
});
