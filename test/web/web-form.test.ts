import { randomUUID } from 'node:crypto';
import { ConfigError, loadConfig } from '../../src/config.js';
import { TypeormInquiryRepository } from '../../src/persistence/inquiry.typeorm-repository.js';
import { workingDays } from '../../src/web/messages.js';
import { confirmationPage, formPage, type PublicSite } from '../../src/web/pages.js';
import { eventually, RecordingNotifier, seedStaff, startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let staff: Awaited<ReturnType<typeof seedStaff>>;
const recorder = new RecordingNotifier();
const PROCEDURE_URL = 'https://daigelis.lt/aptarnavimo-tvarka';
const PRIVACY_URL = 'https://daigelis.lt/privatumas';
const CONTACTS = { INSTITUTION_ADDRESS: 'Žalioji g. 1, LT-44001 Kaunas', INSTITUTION_PHONE: '+370 37 000000', INSTITUTION_EMAIL: 'rastine@daigelis.lt' };

beforeAll(async () => {
  t = await startTestApp({ notifiers: [recorder] }, undefined, { PROCEDURE_URL, PRIVACY_URL, ...CONTACTS, WEB_FORM_RATE_LIMIT: '12' });
  staff = await seedStaff(t.app);
});
afterAll(() => t.stop());

function form(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    submissionId: randomUUID(),
    lang: 'lt',
    name: 'Giedrė Žemaitienė',
    email: 'giedre@example.lt',
    phone: '',
    language: 'lt',
    kind: 'question',
    subject: 'Dėl vasaros atostogų',
    message: 'Kada prasideda vasaros atostogos? ąčęėįšųūž',
    consent: 'on',
    ...overrides,
  };
}

function post(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${t.app.url}/inquiries`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

const repository = () => new TypeormInquiryRepository(t.app.dataSource.manager);

describe('public web form', () => {
  it('R64.publish: the page links to the published procedure, in Lithuanian with an English switch', async () => {
    const response = await fetch(`${t.app.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<html lang="lt">');
    expect(html).toContain(`<a href="${PROCEDURE_URL}">`);
    expect(html).toContain('<a href="/?lang=en" hreflang="en" lang="en">English</a>');
    expect(html).toContain('<label for="consent">Sutinku, kad mano asmens duomenys');
    expect(html).toContain('name="viewport"');
    expect(html).not.toContain('<script');
    const english = await (await fetch(`${t.app.url}/?lang=en`)).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain(`<a href="${PROCEDURE_URL}">How we handle inquiries`);
  });

  it('R7.channels / R15.register: a form post registers a web inquiry, once per submission', async () => {
    const fields = form();
    const first = await post(fields);
    expect(first.status).toBe(200);
    const page = await first.text();
    const number = /id="registry-number"><strong>(\d{4}-\d{6})</.exec(page)?.[1];
    expect(number).toBeDefined();
    expect(page).toContain('Atsakysime iki:');
    const inquiry = await repository().findByRegistryNumber(number!);
    expect(inquiry).toMatchObject({
      channel: 'web',
      kind: 'question',
      externalId: `web:${fields.submissionId}`,
      subject: 'Dėl vasaros atostogų',
      body: 'Kada prasideda vasaros atostogos? ąčęėįšųūž',
      client: { name: 'Giedrė Žemaitienė', email: 'giedre@example.lt', phone: null, language: 'lt' },
    });
    // A double click posts the same page twice: the same registration comes back.
    const again = await (await post(fields)).text();
    expect(again).toContain(number!);
    expect(Number((await t.app.dataSource.query('SELECT count(*) FROM inquiries WHERE external_id = $1', [`web:${fields.submissionId}`]))[0].count)).toBe(1);
    await eventually(() => expect(recorder.events.filter((e) => e.type === 'registered' && e.inquiryId === inquiry!.id)).toHaveLength(1));
  });

  it('R7.channels: a web inquiry and a phone inquiry are the same record and the same announcement', async () => {
    const web = await (
      await fetch(`${t.app.url}/inquiries`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...form({ email: '', phone: '+370 600 12345', language: 'en', kind: 'request' }), consent: true }),
      })
    ).json();
    expect(web).toMatchObject({ registryNumber: expect.stringMatching(/^\d{4}-\d{6}$/), replyDue: expect.any(String) });
    const phone = await t.app.inquiries.register({
      kind: 'request',
      channel: 'phone',
      client: { name: 'Giedrė Žemaitienė', phone: '+370 600 12345', language: 'en' },
      subject: 'Dėl vasaros atostogų',
      body: 'Kada prasideda vasaros atostogos? ąčęėįšųūž',
      receivedAt: new Date(),
      registeredById: staff.ona.id,
    });
    const fromWeb = (await repository().findByRegistryNumber(web.registryNumber))!;
    const shape = (inquiry: typeof fromWeb) => ({ ...inquiry, id: '', registryNumber: '', channel: '', externalId: '', receivedAt: 0, firstReplyDue: 0, statutoryDue: 0 });
    expect(shape(fromWeb)).toEqual(shape(phone.inquiry));
    await eventually(() => {
      const announced = recorder.events.filter((e) => e.type === 'registered' && [fromWeb.id, phone.inquiry.id].includes(e.inquiryId));
      expect(announced.map((e) => (e.type === 'registered' ? e.channel : '')).sort()).toEqual(['phone', 'web']);
    });
  });

  it('R7.channels: invalid input re-shows the form with a message at each field and keeps what was typed', async () => {
    const response = await post(form({ name: '', email: 'ne-adresas', consent: '', message: 'Mano žinutė' }));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('<p class="error" id="name-error">Įrašykite vardą ir pavardę');
    expect(html).toContain('<p class="error" id="email-error">Įrašykite teisingą el. pašto adresą');
    expect(html).toContain('<p class="error" id="consent-error">Be sutikimo');
    expect(html).toMatch(/id="email" name="email" value="ne-adresas"[^>]*aria-invalid="true"/);
    expect(html).toContain('>Mano žinutė</textarea>');
    expect(html).not.toContain('id="subject-error"');
    const json = await fetch(`${t.app.url}/inquiries`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'X' }) });
    expect(json.status).toBe(400);
    expect((await json.json()).fields).toEqual(expect.arrayContaining(['submissionId', 'language', 'kind', 'subject', 'message', 'consent']));
  });

  it('R7.channels: no contact at all is refused; a phone number alone is enough', async () => {
    const none = await (await post(form({ email: '', phone: '' }))).text();
    expect(none).toContain('id="email-error"');
    const phoneOnly = await post(form({ email: '', phone: '+370 600 00000' }));
    expect(await phoneOnly.text()).toContain('id="registry-number"');
  });

  it('R12.records / R15.register: NUL characters and lone surrogates are cleaned, a field of NULs alone is refused at that field', async () => {
    const fields = form({ name: 'Ona\u0000 Onaitė', subject: 'Dėl\u0000 maitinimo', message: 'Be\u0000 riešutų \uD800prašau' });
    const page = await post(fields);
    expect(page.status).toBe(200);
    const number = /id="registry-number"><strong>(\d{4}-\d{6})</.exec(await page.text())?.[1];
    expect(await repository().findByRegistryNumber(number!)).toMatchObject({
      subject: 'Dėl maitinimo',
      body: 'Be riešutų \uFFFDprašau',
      client: { name: 'Ona Onaitė' },
    });
    // JSON can carry a lone surrogate as an escape, which a form post cannot.
    const json = await fetch(`${t.app.url}/inquiries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...form({ subject: 'Tema \uDC00', message: '\u0000žinutė' }), consent: true }),
    });
    expect(json.status).toBe(201);
    const stored = await repository().findByRegistryNumber((await json.json()).registryNumber);
    expect(stored).toMatchObject({ subject: 'Tema \uFFFD', body: 'žinutė' });

    const onlyNul = await post(form({ message: '\u0000\u0000' }));
    expect(onlyNul.status).toBe(400);
    expect(await onlyNul.text()).toContain('id="message-error"');
  });

  it('R64.publish: the form and the thank-you page show the institution\'s name, address, phone and e-mail from configuration', async () => {
    const footer = (html: string) => /<footer id="contacts">([\s\S]*?)<\/footer>/.exec(html)?.[1] ?? '';
    const page = footer(await (await fetch(`${t.app.url}/`)).text());
    expect(page).toContain('<h2>Kontaktai</h2>');
    expect(page).toContain('Kauno lopšelis-darželis „Daigelis“');
    expect(page).toContain('Žalioji g. 1, LT-44001 Kaunas');
    expect(page).toContain('Tel. <a href="tel:+37037000000">+370 37 000000</a>');
    expect(page).toContain('El. paštas <a href="mailto:rastine@daigelis.lt">rastine@daigelis.lt</a>');
    const english = footer(await (await fetch(`${t.app.url}/?lang=en`)).text());
    expect(english).toContain('<h2>Contacts</h2>');
    expect(english).toContain('Phone <a href="tel:+37037000000">');
    const thanks = footer(await (await post(form())).text());
    expect(thanks).toContain('Žalioji g. 1, LT-44001 Kaunas');
    expect(thanks).toContain('mailto:rastine@daigelis.lt');
  });

  it('R64.publish: the privacy notice is linked beside the consent checkbox, which names it as its description', async () => {
    const html = await (await fetch(`${t.app.url}/`)).text();
    expect(html).toMatch(
      new RegExp(`<input type="checkbox" id="consent"[^>]* aria-describedby="consent-hint">\\s*<label for="consent">[^<]*<span class="required">\\(privaloma\\)</span></label></div>\\s*<p class="hint" id="consent-hint"><a href="${PRIVACY_URL}">Kaip tvarkome asmens duomenis`),
    );
  });

  it('R7.channels: required fields are marked in words and as required; e-mail and phone say that one of them is enough', async () => {
    const html = await (await fetch(`${t.app.url}/`)).text();
    expect(html).toContain('<p class="hint">Laukus, pažymėtus „privaloma“, būtina užpildyti.</p>');
    for (const [field, label] of [['name', 'Vardas ir pavardė'], ['subject', 'Tema']]) {
      expect(html).toContain(`<label for="${field}">${label} <span class="required">(privaloma)</span></label>`);
      expect(html).toMatch(new RegExp(`<input type="text" id="${field}"[^>]* required[ >]`));
    }
    expect(html).toMatch(/<textarea id="message"[^>]* required/);
    expect(html).toContain('<legend>Kokia kalba jums atsakyti? <span class="required">(privaloma)</span></legend>');
    expect(html).toContain('<legend>Kaip su jumis susisiekti? <span class="required">(privaloma bent viena)</span></legend>');
    expect(html).toMatch(/<input type="radio" name="kind" value="question" required>/);
    // Each contact field has its own hint, right under its label, and points at it.
    expect(html).toContain('<label for="email">El. paštas</label><p class="hint" id="email-hint">');
    expect(html).toMatch(/<input type="email" id="email"[^>]* aria-describedby="email-hint">/);
    expect(html).toContain('<label for="phone">Telefonas</label><p class="hint" id="phone-hint">');
    expect(html).toMatch(/<input type="tel" id="phone"[^>]* aria-describedby="phone-hint">/);
    expect(html).not.toMatch(/<input type="(email|tel)"[^>]* required/);

    const invalid = await (await post(form({ email: 'ne-adresas', message: '' }))).text();
    expect(invalid).toMatch(/<input type="email" id="email"[^>]* aria-describedby="email-hint email-error" aria-invalid="true">/);
    expect(invalid).toMatch(/<textarea id="message"[^>]* aria-describedby="message-error" aria-invalid="true">/);
    expect(invalid).toMatch(/<title>Klaida: Kreipimasis – /);
  });

  it('R14.reply-1wd: the thank-you page says what happens next and by when — an answer within 1 working day — in Lithuanian and in English', async () => {
    const lt = await (await post(form())).text();
    const ltDue = /id="reply-due">([^<]+)</.exec(lt)![1]!;
    expect(lt).toContain('<h2>Kas bus toliau</h2>');
    expect(lt).toContain(`Atsakingas įstaigos atstovas jums atsakys per 1 darbo dieną – iki ${ltDue}: el. paštu, o jei nurodėte tik telefoną, paskambins.`);
    expect(lt).toContain('Jei per tą laiką atsakymo pateikti negalėsime, atstovas jums praneš, kiek laiko bus sprendžiamas jūsų klausimas.');
    expect(lt).toContain(`<a href="${PROCEDURE_URL}">`);

    const en = await (await post(form({ lang: 'en', language: 'en' }))).text();
    const enDue = /id="reply-due">([^<]+)</.exec(en)![1]!;
    expect(en).toContain('<h2>What happens next</h2>');
    expect(en).toContain(`A responsible member of our staff will answer you within 1 working day – by ${enDue}: by e-mail, or by phone if you gave only a phone number.`);
    expect(en).toContain('If we cannot give a full answer in that time, they will tell you how long it will take to resolve your matter.');
  });

  it('R7.channels: the honeypot, the size limit and the per-address rate limit keep robots out', async () => {
    const before = Number((await t.app.dataSource.query('SELECT count(*) FROM inquiries'))[0].count);
    const trapped = await post(form({ website: 'http://spam.example' }));
    expect(trapped.status).toBe(200);
    expect(await trapped.text()).not.toContain('registry-number');
    expect(Number((await t.app.dataSource.query('SELECT count(*) FROM inquiries'))[0].count)).toBe(before);

    const huge = await post(form({ message: 'ą'.repeat(200_000) }));
    expect(huge.status).toBe(413);

    let limited = 0;
    for (let i = 0; i < 10; i += 1) if ((await post(form())).status === 429) limited += 1;
    expect(limited).toBeGreaterThan(0);
  });
});

describe('public pages, from their settings', () => {
  const site: PublicSite = {
    institution: 'Lopšelis „Žiogelis“',
    address: null,
    phone: null,
    email: null,
    procedureUrl: null,
    privacyUrl: null,
    replyWorkingDays: 2,
    timeZone: 'Europe/Vilnius',
    base: '',
  };

  it('R14.reply-1wd: a longer first-answer time set by the institution is what the pages promise, in proper Lithuanian', () => {
    expect([1, 2, 10, 21].map((days) => workingDays('lt', days))).toEqual(['1 darbo dieną', '2 darbo dienas', '10 darbo dienų', '21 darbo dieną']);
    expect(workingDays('en', 2)).toBe('2 working days');
    const form = formPage({ language: 'lt', submissionId: 'abcdefgh', values: {}, invalid: new Set() }, site);
    expect(form).toContain('atsakysime per 2 darbo dienas.');
    const thanks = confirmationPage({ language: 'en', registryNumber: '2027-000001', replyDue: new Date('2027-03-03T09:00:00Z'), emailed: false }, site);
    expect(thanks).toContain('within 2 working days – by 3 March 2027 at 11:00');
  });

  it('R64.publish: contacts, the procedure and the privacy notice that are not configured are left out, the name stays', () => {
    const form = formPage({ language: 'lt', submissionId: 'abcdefgh', values: {}, invalid: new Set() }, site);
    expect(form).toContain('<address>Lopšelis „Žiogelis“</address>');
    expect(form).not.toMatch(/tel:|mailto:|consent-hint/);
    expect(form).toMatch(/<input type="checkbox" id="consent" name="consent" value="on" required>/);
  });

  it.each(['INSTITUTION_EMAIL', 'INSTITUTION_PHONE', 'PRIVACY_URL', 'PROCEDURE_URL'])('a malformed %s stops the start with a message naming it', (name) => {
    expect(() => loadConfig({ [name]: 'ne adresas' })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: 'ne adresas' })).toThrow(new RegExp(`^Invalid configuration:\\n  - ${name}:`));
  });
});
