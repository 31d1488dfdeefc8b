import { randomUUID } from 'node:crypto';
import { TypeormInquiryRepository } from '../../src/persistence/inquiry.typeorm-repository.js';
import { eventually, RecordingNotifier, seedStaff, startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let staff: Awaited<ReturnType<typeof seedStaff>>;
const recorder = new RecordingNotifier();
const PROCEDURE_URL = 'https://daigelis.lt/aptarnavimo-tvarka';

beforeAll(async () => {
  t = await startTestApp({ notifiers: [recorder] }, undefined, { PROCEDURE_URL, WEB_FORM_RATE_LIMIT: '8' });
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
