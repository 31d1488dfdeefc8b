import { randomUUID } from 'node:crypto';
import { clientChannelOf, requiredAnswerChannel } from '../../src/domain/answer-channel.js';
import { LetterLinks } from '../../src/domain/letter-link.js';
import { newInquiry } from '../../src/bot/core/forms/inquiry-forms.js';
import { ManualClock, seedStaff, startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let staff: Awaited<ReturnType<typeof seedStaff>>;
const clock = new ManualClock(new Date('2027-03-02T10:00:00+02:00'));
const SECRET = 'letter-link-secret-for-tests-0123456789abcdef';
const DAY_MS = 24 * 3_600_000;
const LETTERHEAD = {
  INSTITUTION_NAME: 'Kauno lopšelis-darželis „Daigelis“',
  INSTITUTION_ADDRESS: 'Žalioji g. 1, LT-44001 Kaunas',
  INSTITUTION_CODE: '190012345',
  INSTITUTION_PHONE: '+370 37 000000',
  INSTITUTION_EMAIL: 'rastine@daigelis.lt',
  INSTITUTION_WEB: 'https://daigelis.lt/',
};

beforeAll(async () => {
  t = await startTestApp({ clock }, undefined, { ...LETTERHEAD, LETTER_LINK_SECRET: SECRET, LETTER_LINK_DAYS: '7' });
  staff = await seedStaff(t.app);
});
afterAll(() => t?.stop());

/** A complaint received by post on 2027-03-01, owned by `ownerId`. */
async function letterComplaint(ownerId: string, postalAddress: string | null = 'Vilniaus g. 10-3\nLT-44280 Kaunas') {
  const { inquiry } = await t.app.inquiries.register({
    kind: 'complaint',
    channel: 'letter',
    client: { name: 'Petras Petraitis', email: null, phone: null, postalAddress, language: 'lt' },
    subject: 'Dėl maitinimo',
    body: 'Skundžiuosi dėl maitinimo.',
    receivedAt: '2027-03-01T09:00:00+02:00',
    registeredById: ownerId,
  });
  await t.app.inquiries.claim(inquiry.id, ownerId);
  return inquiry;
}

const query = (link: Record<string, string>) => new URLSearchParams(link).toString();
const open = (link: Record<string, string>) => fetch(`${t.app.url}/letters?${query(link)}`);

/** A 403 page in both languages, with nothing of the letter. */
async function expectRefused(response: Response): Promise<void> {
  expect(response.status).toBe(403);
  const html = await response.text();
  expect(html).toContain('Nuoroda į raštą negalioja');
  expect(html).toContain('This link to a letter is not valid');
  for (const secret of ['Slapta rašto dalis', 'Perduoto rašto', 'Petras', 'Vilniaus g.', 'Dėl maitinimo', 'S-2027-']) expect(html).not.toContain(secret);
}

describe('R55.same-channel: a letter that can be posted', () => {
  it('prints the letterhead, its own outgoing number and date, the reference to the inquiry, the postal address, the signer and a signature line', async () => {
    const inquiry = await letterComplaint(staff.ona.id);
    const letter = await t.app.mail.clientChannel.issueLetter(inquiry.id, staff.ona.id, 'Gerbiamas Petrai,\n\natsakome į jūsų skundą raštu.');
    expect(letter.outgoingNumber).toMatch(/^S-2027-\d{6}$/);
    // Assigned once and stored: the letter read back has the same number.
    expect((await t.app.queries.get(inquiry.id)).letters[0]).toMatchObject({ id: letter.id, outgoingNumber: letter.outgoingNumber });

    const page = await open({ ...t.app.letterLinks.sign(letter.id, staff.ona.id) });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    // The letterhead: name, address, legal entity code, phone, e-mail, web.
    expect(html).toContain('<h1>Kauno lopšelis-darželis „Daigelis“</h1>');
    for (const part of ['Žalioji g. 1, LT-44001 Kaunas', 'Juridinio asmens kodas 190012345', 'Tel. +370 37 000000', 'El. p. rastine@daigelis.lt', 'https://daigelis.lt/']) {
      expect(html).toContain(part);
    }
    // The outgoing number and date, and the reference to the client's inquiry (received date, registry number).
    expect(html).toContain(`<span class="outgoing-date">2027-03-02</span> Nr. <span class="outgoing-number">${letter.outgoingNumber}</span>`);
    expect(html).toContain(`Į jūsų 2027-03-01 kreipimąsi Nr. ${inquiry.registryNumber}`);
    // The addressee's name and postal address, line by line.
    expect(html).toContain('<p>Petras Petraitis</p><p>Vilniaus g. 10-3<br>LT-44280 Kaunas</p>');
    expect(html).not.toContain('pašto adresas nenurodytas');
    expect(html).toContain('<h2>Dėl maitinimo</h2>');
    expect(html).toContain('<p>atsakome į jūsų skundą raštu.</p>');
    // The signer's position and name (R36.signature), a line for the handwritten signature, and A4 print CSS.
    expect(html).toContain('<p class="position">Auklėtoja</p>');
    expect(html).toContain('<span class="line"></span><span class="caption">(parašas)</span>');
    expect(html).toContain('<p class="name">Ona Onaitė</p>');
    expect(html).toContain('@page{size:A4;');
  });

  it('warns on screen (not on paper) when the postal address is missing; in English for an English-speaking client', async () => {
    const { inquiry } = await t.app.inquiries.register({
      kind: 'complaint',
      channel: 'letter',
      client: { name: 'John Smith', email: null, phone: null, language: 'en' },
      subject: 'Meals',
      body: 'A complaint.',
      receivedAt: '2027-03-01T09:00:00+02:00',
      registeredById: staff.ona.id,
    });
    await t.app.inquiries.claim(inquiry.id, staff.ona.id);
    const letter = await t.app.mail.clientChannel.issueLetter(inquiry.id, staff.ona.id, 'Dear Mr Smith,\n\nwe answer in writing.');
    const html = await (await open({ ...t.app.letterLinks.sign(letter.id, staff.ona.id) })).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<div class="no-print"><p>Print or save as PDF: Ctrl+P</p><p class="warning">The client’s postal address is not recorded');
    expect(html).toContain(`Re your inquiry of 2027-03-01, No. ${inquiry.registryNumber}`);
    expect(html).toContain('Legal entity code 190012345');
    expect(html).toContain('(signature)');
  });

  it('two letters issued at the same moment get distinct outgoing numbers, one after the other', async () => {
    const owners = [staff.ona.id, staff.ona.id, staff.manager.id, staff.manager.id];
    const inquiries = await Promise.all(owners.map((owner) => letterComplaint(owner)));
    const letters = await Promise.all(inquiries.map((inquiry, i) => t.app.mail.clientChannel.issueLetter(inquiry.id, owners[i]!, 'Atsakymas raštu.')));
    const numbers = letters.map((letter) => letter.outgoingNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    const sequence = numbers.map((number) => Number(number.slice(-6))).sort((a, b) => a - b);
    expect(sequence.at(-1)! - sequence[0]!).toBe(numbers.length - 1);
  });

  describe('only the staff member a link was made for opens it, and only for a while', () => {
    let letterId: string;
    let inquiryId: string;
    beforeAll(async () => {
      const inquiry = await letterComplaint(staff.ona.id);
      inquiryId = inquiry.id;
      letterId = (await t.app.mail.clientChannel.issueLetter(inquiry.id, staff.ona.id, 'Slapta rašto dalis.')).id;
    });

    it('the link as made opens the letter', async () => {
      const response = await open({ ...t.app.letterLinks.sign(letterId, staff.ona.id) });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('Slapta rašto dalis.');
    });

    it('an altered link — another letter, another person, a changed expiry or signature, a bare id — is refused', async () => {
      const link = { ...t.app.letterLinks.sign(letterId, staff.ona.id) };
      const other = await letterComplaint(staff.ona.id);
      const otherLetter = await t.app.mail.clientChannel.issueLetter(other.id, staff.ona.id, 'Kitas raštas.');
      await expectRefused(await open({ ...link, id: otherLetter.id }));
      await expectRefused(await open({ ...link, staff: staff.jonas.id }));
      await expectRefused(await open({ ...link, expires: String(Number(link.expires) + 3600) }));
      await expectRefused(await open({ ...link, sig: `${link.sig.slice(0, -1)}${link.sig.endsWith('A') ? 'B' : 'A'}` }));
      await expectRefused(await fetch(`${t.app.url}/letters?id=${letterId}`));
      await expectRefused(await fetch(`${t.app.url}/letters`));
    });

    it('an expired link is refused; the lifetime is LETTER_LINK_DAYS', async () => {
      const made = new ManualClock(new Date(clock.now().getTime() - 7 * DAY_MS - 60_000));
      await expectRefused(await open({ ...new LetterLinks(SECRET, 7 * DAY_MS, made).sign(letterId, staff.ona.id) }));
      const fresh = new ManualClock(new Date(clock.now().getTime() - 7 * DAY_MS + 60_000));
      expect((await open({ ...new LetterLinks(SECRET, 7 * DAY_MS, fresh).sign(letterId, staff.ona.id) })).status).toBe(200);
      expect(Number(t.app.letterLinks.sign(letterId, staff.ona.id).expires) * 1000).toBe(clock.now().getTime() + 7 * DAY_MS);
    });

    it('a foreign link — signed with another secret, or made for someone no longer on the staff — is refused', async () => {
      await expectRefused(await open({ ...new LetterLinks('another-installation-secret-0123456789', 7 * DAY_MS, clock).sign(letterId, staff.ona.id) }));
      // Rasa owns the inquiry now (R4.owner): her link opens it until she leaves the staff.
      await t.app.inquiries.handOver(inquiryId, staff.ona.id, staff.rasa.id);
      const forRasa = { ...t.app.letterLinks.sign(letterId, staff.rasa.id) };
      expect((await open(forRasa)).status).toBe(200);
      await t.app.staff.importMembers([{ firstName: 'Rasa', surname: 'Rasaitė', email: 'rasa@daigelis.lt', manager: 'vida@daigelis.lt', active: false }]);
      await expectRefused(await open(forRasa));
    });
  });
});

describe('issue #15, R4.owner: a letter opens for those who may act on its inquiry now, not for whoever a link was once made for', () => {
  it('R4.owner: after a handover the previous owner\'s link is refused (403, nothing of the letter, no audit line); the new owner and a manager open it; a colleague never could', async () => {
    const inquiry = await letterComplaint(staff.ona.id);
    const letter = await t.app.mail.clientChannel.issueLetter(inquiry.id, staff.ona.id, 'Perduoto rašto tekstas.');
    // Links made before the handover, for the owner, the manager, the colleague who will take it over, and another colleague.
    const [forOna, forManager, forJonas, forRasa] = [staff.ona, staff.manager, staff.jonas, staff.rasa].map((person) => ({ ...t.app.letterLinks.sign(letter.id, person.id) }));
    expect((await open(forOna!)).status).toBe(200);
    await expectRefused(await open(forRasa!));

    await t.app.inquiries.handOver(inquiry.id, staff.ona.id, staff.jonas.id);
    const opened = async () => (await t.app.dataSource.query(`SELECT actor_id FROM audit_log WHERE action = 'letter_opened' AND details->>'letterId' = $1`, [letter.id])).map((row: { actor_id: string }) => row.actor_id);
    const before = await opened();
    await expectRefused(await open(forOna!));
    // A refused opening is none (docs/audit.md): the log is as it was.
    expect(await opened()).toEqual(before);
    for (const link of [forJonas!, forManager!]) {
      const page = await open(link);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Perduoto rašto tekstas.');
    }
    expect((await opened()).slice(before.length)).toEqual([staff.jonas.id, staff.manager.id]);
    await expectRefused(await open(forRasa!));
  });
});

describe('R55.same-channel: the forms collect the postal address a letter goes to', () => {
  const post = (fields: Record<string, string>) =>
    fetch(`${t.app.url}/inquiries`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ submissionId: randomUUID(), lang: 'lt', name: 'Giedrė Žemaitienė', email: '', phone: '+370 600 12345', language: 'lt', kind: 'complaint', subject: 'Dėl maitinimo', message: 'Skundas.', consent: 'on', ...fields }).toString(),
    });

  it('the public form shows the field, optional in general, and says when it is required', async () => {
    const html = await (await fetch(`${t.app.url}/`)).text();
    expect(html).toContain('<label for="postalAddress">Pašto adresas <span class="required">(privaloma skundui be el. pašto adreso)</span></label>');
    expect(html).toMatch(/<textarea id="postalAddress" name="postalAddress"[^>]* maxlength="500" autocomplete="street-address" aria-describedby="postalAddress-hint">/);
  });

  it('a written complaint without an e-mail address needs it — answered by letter — and it is stored', async () => {
    const refused = await post({});
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toContain('<p class="error" id="postalAddress-error">Įrašykite pašto adresą');
    expect(page).toMatch(/<textarea id="postalAddress"[^>]* aria-invalid="true">/);

    const accepted = await post({ postalAddress: '  Vilniaus g. 10-3\r\nLT-44280 Kaunas ' });
    expect(accepted.status).toBe(200);
    const thanks = await accepted.text();
    expect(thanks).toContain('atsakymą išsiųsime paštu jūsų nurodytu adresu');
    const number = /id="registry-number"><strong>(\d{4}-\d{6})</.exec(thanks)![1]!;
    const { inquiry } = await t.app.queries.get(number);
    expect(inquiry.client).toMatchObject({ email: null, phone: '+370 600 12345', postalAddress: 'Vilniaus g. 10-3\r\nLT-44280 Kaunas' });
    // With no e-mail address, writing means paper: the complaint is owed a letter, not an e-mail it cannot get.
    expect(requiredAnswerChannel(inquiry)).toBe('letter');
    expect(clientChannelOf(inquiry)).toBe('letter');
  });

  it('a complaint with an e-mail address, or a question by phone, does not need it', async () => {
    const byEmail = await post({ email: 'giedre@example.lt' });
    expect(byEmail.status).toBe(200);
    expect(await byEmail.text()).not.toContain('paštu jūsų nurodytu adresu');
    expect((await post({ kind: 'question' })).status).toBe(200);
    expect(requiredAnswerChannel({ kind: 'complaint', channel: 'web', client: { email: 'giedre@example.lt' } })).toBe('email');
  });

  it('the staff registration form (Slack and Teams alike) has one optional, multi-line field for it, limited as the domain is', () => {
    const fields = newInquiry.spec.fields.filter((field) => field.id === 'client.postalAddress');
    expect(fields).toEqual([expect.objectContaining({ kind: 'multiline', required: false, limit: { min: 1, max: 500 } })]);
  });

  it('staff register it with a letter inquiry; the domain schema limits it to 500 characters', async () => {
    const register = (postalAddress: string) =>
      t.app.inquiries.register({ kind: 'request', channel: 'letter', client: { name: 'Petras', postalAddress }, subject: 'Prašymas', receivedAt: clock.now(), registeredById: staff.ona.id });
    const { inquiry } = await register('Vilniaus g. 10-3\nLT-44280 Kaunas');
    expect((await t.app.queries.get(inquiry.id)).inquiry.client.postalAddress).toBe('Vilniaus g. 10-3\nLT-44280 Kaunas');
    await expect(register('x'.repeat(501))).rejects.toMatchObject({ code: 'INPUT.INVALID', details: { fields: [expect.objectContaining({ path: 'client.postalAddress' })] } });
  });
});
