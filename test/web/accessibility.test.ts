import type { Page } from 'playwright-core';
import { seedStaff, startTestApp, type TestApp } from '../support/app.js';
import { axeViolations, startBrowser, type TestBrowser } from '../support/browser.js';
import { CHROMIUM, describeWith } from '../support/system-programs.js';

let t: TestApp;
let browser: TestBrowser;
let staff: Awaited<ReturnType<typeof seedStaff>>;

const SITE = {
  PROCEDURE_URL: 'https://daigelis.lt/aptarnavimo-tvarka',
  PRIVACY_URL: 'https://daigelis.lt/privatumas',
  INSTITUTION_ADDRESS: 'Žalioji g. 1, LT-44001 Kaunas',
  INSTITUTION_PHONE: '+370 37 000000',
  INSTITUTION_EMAIL: 'rastine@daigelis.lt',
  // The letterhead of printed letters adds these (R55.same-channel).
  INSTITUTION_CODE: '190012345',
  INSTITUTION_WEB: 'https://daigelis.lt/',
};
// The third valid submission from this address is turned away: the "too many" page is public too.
const RATE_LIMIT = 2;

/**
 * R60.external: a pending rating link of a resolved inquiry of `ownerId`'s, stored as the rating e-mail would (this
 * app has no SMTP server to send it): the token the e-mail carries, its hash in the database.
 */
async function ratingLinkFor(ownerId: string): Promise<string> {
  const { hashRatingToken, newRatingToken } = await import('../../src/domain/rating.js');
  const { TypeormRatingRepository } = await import('../../src/persistence/rating.typeorm-repository.js');
  const { inquiry } = await t.app.inquiries.register({
    kind: 'question', channel: 'email', externalId: `<rating-${Date.now()}@example.lt>`,
    client: { name: 'Giedrė Žemaitienė', email: 'giedre@example.lt', phone: null, language: 'lt' },
    subject: 'Dėl vasaros', body: 'Kada atostogos?', receivedAt: new Date(),
  });
  await t.app.inquiries.claim(inquiry.id, ownerId);
  await t.app.inquiries.recordFirstReply(inquiry.id, ownerId);
  await t.app.inquiries.resolve(inquiry.id, ownerId);
  const token = newRatingToken();
  const now = new Date();
  await new TypeormRatingRepository(t.app.dataSource.manager).insert(
    {
      id: (await import('node:crypto')).randomUUID(), inquiryId: inquiry.id, channel: 'email', language: 'lt', status: 'pending', requestedAt: now,
      expiresAt: new Date(now.getTime() + 28 * 24 * 3_600_000), answeredAt: null, score: null, comment: null, recordedById: null, dedupeKey: null,
      followUpManagerId: null, acknowledgedAt: null, acknowledgedById: null,
    },
    hashRatingToken(token),
  );
  return token;
}

/** The page as a parent's browser shows it, audited by axe-core for WCAG 2.1 A and AA. */
async function expectNoViolations(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

async function open(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${t.app.url}${path}`);
  return page;
}

async function send(page: Page, button: string): Promise<void> {
  await Promise.all([page.waitForURL(`${t.app.url}/inquiries`), page.getByRole('button', { name: button }).click()]);
}

async function fillValidForm(page: Page, subject: string): Promise<void> {
  await page.locator('#name').fill('Giedrė Žemaitienė');
  await page.locator('#email').fill('giedre@example.lt');
  await page.locator('input[name=kind][value=question]').check();
  await page.locator('#subject').fill(subject);
  await page.locator('#message').fill('Kada prasideda vasaros atostogos? ąčęėįšųūž');
  await page.locator('#consent').check();
}

/** The colour of each side of `selector`'s border as the browser draws it. */
function borderColours(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluate((element) => {
    const style = getComputedStyle(element);
    return [style.borderTopColor, style.borderRightColor, style.borderBottomColor, style.borderLeftColor];
  });
}

describeWith(CHROMIUM, 'public pages in a real Chromium, held to WCAG 2.1 AA', () => {
  beforeAll(async () => {
    t = await startTestApp({}, undefined, { ...SITE, WEB_FORM_RATE_LIMIT: String(RATE_LIMIT) });
    staff = await seedStaff(t.app);
    // The pages forbid every script; axe-core is one, so only this audit's browser sets the policy aside.
    browser = await startBrowser({ bypassCSP: true });
    browser.context.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  describe('axe-core finds no WCAG 2.0/2.1 A or AA violation', () => {
    it('R64.publish: on the form, in Lithuanian and in English', async () => {
      for (const path of ['/', '/?lang=en']) {
        const page = await open(path);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await expectNoViolations(page);
        await page.close();
      }
    });

    it('R7.channels: on the form re-shown with errors, in Lithuanian and in English', async () => {
      for (const [path, button] of [['/', 'Siųsti'], ['/?lang=en', 'Send']] as const) {
        const page = await open(path);
        await page.locator('#phone').fill('skambinkite');
        await send(page, button);
        await page.locator('#error-summary').waitFor();
        expect(await page.locator('[aria-invalid=true]').count()).toBeGreaterThanOrEqual(5);
        await expectNoViolations(page);
        await page.close();
      }
    });

    it('R14.reply-1wd: on the thank-you page', async () => {
      const page = await open('/');
      await fillValidForm(page, 'Dėl vasaros atostogų');
      await send(page, 'Siųsti');
      await page.locator('#registry-number').waitFor();
      await expectNoViolations(page);
      await page.close();
    });

    it('R7.channels: on the page that turns away too many submissions', async () => {
      const page = await open('/?lang=en');
      for (let attempt = 0; attempt <= RATE_LIMIT; attempt += 1) {
        await page.goto(`${t.app.url}/?lang=en`);
        await fillValidForm(page, `Too many ${attempt}`);
        await send(page, 'Send');
      }
      expect(await page.getByRole('alert').innerText()).toContain('Too many inquiries');
      await expectNoViolations(page);
      await page.close();
    });

    it('R55.same-channel: on the printable letter, its letterhead, number, reference, address and signature block included', async () => {
      const { inquiry } = await t.app.inquiries.register({
        kind: 'complaint',
        channel: 'letter',
        client: { name: 'Petras Petraitis', email: null, phone: '+370 600 12345', postalAddress: 'Vilniaus g. 10-3\nLT-44280 Kaunas', language: 'lt' },
        subject: 'Dėl maitinimo',
        body: 'Skundžiuosi dėl maitinimo.',
        receivedAt: new Date(),
        registeredById: staff.ona.id,
      });
      await t.app.inquiries.claim(inquiry.id, staff.ona.id);
      const letter = await t.app.mail.clientChannel.issueLetter(inquiry.id, staff.ona.id, 'Gerbiamas Petrai,\n\natsakome raštu.\n\nPagarbiai');
      const page = await open(`/letters?${new URLSearchParams({ ...t.app.letterLinks.sign(letter.id, staff.ona.id) })}`);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('Daigelis');
      const text = await page.locator('main').innerText();
      for (const part of ['Juridinio asmens kodas 190012345', letter.outgoingNumber, `kreipimąsi Nr. ${inquiry.registryNumber}`, 'LT-44280 Kaunas', 'Auklėtoja', 'Ona Onaitė', '(parašas)']) {
        expect(text).toContain(part);
      }
      await expectNoViolations(page);
      // On paper: A4, without the on-screen hint.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.no-print').isVisible()).toBe(false);
      await page.close();
    });

    it('R55.same-channel: on the page that refuses an altered letter link (no letter content)', async () => {
      const page = await open('/letters?id=00000000-0000-4000-8000-000000000000&staff=x&expires=1&sig=x');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Nuoroda į raštą negalioja');
      await expectNoViolations(page);
      await page.close();
    });

    it('R12.records: on the subject-access export page (issue #15), in Lithuanian and English, and its refusal', async () => {
      await t.app.staff.importMembers([{ firstName: 'Aldona', surname: 'Administratorė', email: 'aldona@daigelis.lt', roles: ['admin'] }]);
      const [{ id: adminId }] = await t.app.dataSource.query(`SELECT id FROM staff_members WHERE email = 'aldona@daigelis.lt'`);
      const { inquiry } = await t.app.inquiries.register({
        kind: 'question', channel: 'email', externalId: `<subject-access-${Date.now()}@example.lt>`,
        client: { name: 'Laima Laimutė', email: 'laima@example.lt', phone: '+370 612 00000', language: 'lt' },
        subject: 'Dėl ekskursijos', body: 'Kada vyks ekskursija? ąčęėįšųūž', receivedAt: new Date(),
      });
      await t.app.inquiries.claim(inquiry.id, staff.ona.id);
      await t.app.calls.logCall(inquiry.id, staff.ona.id, { outcome: 'reached', summary: 'Aptarėme ekskursiją.', clientExpectation: 'Sužinoti datą' });
      const made = await t.app.subjectAccess.request(adminId, 'laima@example.lt');
      for (const extra of [{}, { lang: 'en' }] as Array<Record<string, string>>) {
        const page = await open(`/subject-access?${new URLSearchParams({ ...made.query, ...extra })}`);
        expect(await page.getByRole('heading', { level: 2 }).first().innerText()).toContain(inquiry.registryNumber);
        await expectNoViolations(page);
        await page.close();
      }
      const refused = await open(`/subject-access?${new URLSearchParams({ ...made.query, sig: 'x'.repeat(43) })}`);
      expect(await refused.getByRole('heading', { level: 1 }).innerText()).toBe('Nuoroda į asmens duomenų išrašą negalioja');
      await expectNoViolations(refused);
      await refused.close();
    });

    it('R12.records: on the list of inquiries to be anonymised tonight (issue #15), and its refusal', async () => {
      await t.app.staff.importMembers([{ firstName: 'Aldona', surname: 'Administratorė', email: 'aldona@daigelis.lt', roles: ['admin'] }]);
      const [{ id: adminId }] = await t.app.dataSource.query(`SELECT id FROM staff_members WHERE email = 'aldona@daigelis.lt'`);
      const { inquiry } = await t.app.inquiries.register({
        kind: 'question', channel: 'email', externalId: `<retention-${Date.now()}@example.lt>`,
        client: { name: 'Rasa Rasaitė', email: 'rasa@example.lt', phone: null, language: 'lt' },
        subject: 'Dėl dienos miego', body: 'Ar vaikai miega po pietų?', receivedAt: new Date(),
      });
      // Closed long ago (written directly: the page only lists what is due; how it got there is not its concern).
      await t.app.dataSource.query(`UPDATE inquiries SET status = 'closed', closed_at = now() - interval '20 years' WHERE id = $1`, [inquiry.id]);
      const { night } = t.app.retention.nextNight();
      const page = await open(`/retention/due?${new URLSearchParams({ ...t.app.retention.listLink(night, adminId) })}`);
      expect(await page.content()).toContain(inquiry.registryNumber);
      expect(await page.content()).not.toContain('Rasa');
      await expectNoViolations(page);
      await page.close();
      const refused = await open(`/retention/due?${new URLSearchParams({ ...t.app.retention.listLink(night, adminId), sig: 'x'.repeat(43) })}`);
      expect(await refused.getByRole('heading', { level: 1 }).count()).toBe(1);
      await expectNoViolations(refused);
      await refused.close();
    });

    it('R60.external: on the rating page — the form a score link opens, its error state, the thanks and the refusals — in Lithuanian and English', async () => {
      const token = await ratingLinkFor(staff.ona.id);
      const pages: Array<[string, (page: Page) => Promise<void>]> = [
        [`/rating/${token}?score=2`, async (page) => expect(await page.locator('input[name=score][value="2"]').isChecked()).toBe(true)],
        [`/rating/${token}?lang=en`, async (page) => expect(await page.locator('html').getAttribute('lang')).toBe('en')],
        [`/rating/${'x'.repeat(43)}?score=2`, async (page) => expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Nuoroda nerasta')],
        ['/rating/sugadinta?score=2&lang=en', async (page) => expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('This link is not valid')],
      ];
      for (const [path, check] of pages) {
        const page = await open(path);
        await check(page);
        await expectNoViolations(page);
        await page.close();
      }
      // Sent without a score: the form again, the problem beside the scores.
      const page = await open(`/rating/${token}`);
      await page.locator('#comment').fill('Be balo');
      await page.locator('form').evaluate((form: HTMLFormElement) => form.setAttribute('novalidate', ''));
      await Promise.all([page.waitForURL(`${t.app.url}/rating/${token}`), page.getByRole('button', { name: 'Siųsti įvertinimą' }).click()]);
      await page.locator('#score-error').waitFor();
      expect(await page.locator('#comment').inputValue()).toBe('Be balo');
      await expectNoViolations(page);
      // Then a score: the thanks; the link used again: the 410 page that says so.
      await page.locator('input[name=score][value="4"]').check();
      await Promise.all([page.waitForURL(`${t.app.url}/rating/${token}`), page.getByRole('button', { name: 'Siųsti įvertinimą' }).click()]);
      await page.locator('#rating-recorded').waitFor();
      await expectNoViolations(page);
      const used = await page.goto(`${t.app.url}/rating/${token}?score=4&lang=en`);
      expect(used?.status()).toBe(410);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('We already have your rating');
      await expectNoViolations(page);
      await page.close();
    });

    it('R64.publish / R55.same-channel: on the form with the postal address a complaint without e-mail needs, in its error state', async () => {
      const page = await open('/?lang=en');
      await page.locator('#name').fill('Giedrė Žemaitienė');
      await page.locator('#phone').fill('+370 600 12345');
      await page.locator('input[name=kind][value=complaint]').check();
      await send(page, 'Send');
      await page.locator('#error-summary').waitFor();
      expect(await page.locator('#postalAddress').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#postalAddress').getAttribute('aria-describedby')).toBe('postalAddress-hint postalAddress-error');
      await expectNoViolations(page);
      await page.close();
    });
  });

  describe('what an automated audit misses, checked as a parent sees it', () => {
    it('R7.channels: an invalid text, e-mail, phone or message field has a visible red border; a valid one keeps its grey border', async () => {
      const page = await open('/');
      await page.locator('#email').fill('ne-adresas');
      await page.locator('#phone').fill('skambinkite');
      await page.locator('#subject').fill('Dėl maitinimo');
      await send(page, 'Siųsti');
      await page.locator('#error-summary').waitFor();
      const red = 'rgb(164, 0, 0)';
      for (const field of ['#name', '#email', '#phone', '#message']) {
        expect(await page.locator(field).getAttribute('aria-invalid')).toBe('true');
        expect(await borderColours(page, field)).toEqual([red, red, red, red]);
        expect(await page.locator(field).evaluate((element) => getComputedStyle(element).borderTopWidth)).toBe('2px');
      }
      expect(await page.locator('#subject').getAttribute('aria-invalid')).toBeNull();
      expect(await borderColours(page, '#subject')).toEqual(Array(4).fill('rgb(85, 85, 85)'));
      await page.close();
    });

    it('R7.channels: each hint and each error sits beside its own field and is read with it (aria-describedby)', async () => {
      const page = await open('/');
      await page.locator('#email').fill('ne-adresas');
      await page.locator('#phone').fill('skambinkite');
      await send(page, 'Siųsti');
      await page.locator('#error-summary').waitFor();
      for (const field of ['email', 'phone']) {
        expect(await page.locator(`#${field}`).getAttribute('aria-describedby')).toBe(`${field}-hint ${field}-error`);
        // The hint and the error share the field's own box, before the input: seen and read together with it.
        const layout = await page.locator(`#${field}`).evaluate((input, id) => {
          const hint = document.getElementById(`${id}-hint`)!;
          const error = document.getElementById(`${id}-error`)!;
          const before = (node: Node) => (node.compareDocumentPosition(input) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
          return { sameBox: hint.parentElement === input.parentElement && error.parentElement === input.parentElement, before: before(hint) && before(error) };
        }, field);
        expect(layout).toEqual({ sameBox: true, before: true });
      }
      expect(await page.locator('#email-hint').innerText()).toContain('el. paštą, telefoną arba abu');
      expect(await page.locator('#phone-hint').innerText()).toContain('+370 600 00000');
      expect(await page.locator('#consent').getAttribute('aria-describedby')).toBe('consent-hint consent-error');
      await page.close();
    });

    it('R64.publish: the required fields are marked in words a parent sees, and as required for assistive technology', async () => {
      const page = await open('/?lang=en');
      for (const label of ['Full name', 'Subject', 'Message']) {
        const field = page.getByRole('textbox', { name: label });
        expect(await field.evaluate((element) => (element as HTMLInputElement).required)).toBe(true);
        expect(await page.locator(`label[for="${await field.getAttribute('id')}"]`).innerText()).toContain('(required)');
      }
      expect(await page.getByRole('checkbox').evaluate((element) => (element as HTMLInputElement).required)).toBe(true);
      expect(await page.getByRole('group', { name: /Which language.*\(required\)/ }).isVisible()).toBe(true);
      expect(await page.getByRole('group', { name: /Kind of inquiry.*\(required\)/ }).isVisible()).toBe(true);
      expect(await page.getByRole('group', { name: /How can we reach you\?.*\(at least one required\)/ }).isVisible()).toBe(true);
      expect(await page.getByRole('textbox', { name: 'E-mail' }).evaluate((element) => (element as HTMLInputElement).required)).toBe(false);
      await page.close();
    });
  });
});
