import { RecordingNotifier, eventually, startTestApp, type TestApp } from '../support/app.js';
import { startBrowser, type TestBrowser } from '../support/browser.js';
import { CHROMIUM, describeWith } from '../support/system-programs.js';

let t: TestApp;
let browser: TestBrowser;
const recorder = new RecordingNotifier();
const PROCEDURE_URL = 'https://daigelis.lt/aptarnavimo-tvarka';

describeWith(CHROMIUM, 'in a real Chromium', () => {
  beforeAll(async () => {
    t = await startTestApp({ notifiers: [recorder] }, undefined, { PROCEDURE_URL });
    browser = await startBrowser();
    browser.context.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  describe('web form in a real browser', () => {
    it('R7.channels / R64.publish: a parent fills the form on a phone-sized screen, sees the registry number, and staff get the announcement', async () => {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 375, height: 740 });
      await page.goto(`${t.app.url}/`);
      expect(await page.getAttribute('a[href="' + PROCEDURE_URL + '"]', 'href')).toBe(PROCEDURE_URL);
      await page.getByLabel('Vardas ir pavardė').fill('Giedrė Žemaitienė');
      await page.getByLabel('El. paštas').fill('giedre@example.lt');
      await page.getByLabel('Lietuvių').check();
      await page.getByLabel('Prašymas').check();
      await page.getByLabel('Tema').fill('Dėl vietos grupėje');
      await page.getByLabel('Žinutė').fill('Ar yra laisvų vietų grupėje „Drugeliai“? ąčęėįšųūž');
      await page.getByLabel(/Sutinku/).check();
      // Nothing wider than the screen: usable on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await Promise.all([page.waitForURL(`${t.app.url}/inquiries`), page.getByRole('button', { name: 'Siųsti' }).click()]);
      await page.getByRole('heading', { name: 'Kreipimasis gautas' }).waitFor();
      const number = (await page.locator('#registry-number').innerText()).trim();
      expect(number).toMatch(/^\d{4}-\d{6}$/);
      expect((await page.locator('#reply-due').innerText()).trim()).not.toBe('');
      const { inquiry } = await t.app.queries.get(number);
      expect(inquiry).toMatchObject({ channel: 'web', kind: 'request', subject: 'Dėl vietos grupėje', body: 'Ar yra laisvų vietų grupėje „Drugeliai“? ąčęėįšųūž' });
      await eventually(() => expect(recorder.events.some((e) => e.type === 'registered' && e.inquiryId === inquiry.id)).toBe(true));
      await page.close();
    });

    it('R7.channels: the error path in English — missing fields are marked and the typed text survives', async () => {
      const page = await browser.context.newPage();
      await page.goto(`${t.app.url}/`);
      await page.getByRole('link', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Contact us' }).waitFor();
      await page.getByLabel('Full name').fill('John Smith');
      await page.getByLabel('Message').fill('Is there a place for my son?');
      await Promise.all([page.waitForURL(`${t.app.url}/inquiries`), page.getByRole('button', { name: 'Send' }).click()]);
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').innerText()).toContain('Please check the marked fields');
      expect(await page.locator('#email-error').innerText()).toContain('Enter a valid e-mail address or a phone number.');
      expect(await page.locator('#consent-error').innerText()).toContain('Without your consent');
      expect(await page.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel('Full name').inputValue()).toBe('John Smith');
      expect(await page.getByLabel('Message').inputValue()).toBe('Is there a place for my son?');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.close();
    });
  });
});
