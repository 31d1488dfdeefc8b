import type { Page } from 'playwright-core';
import { cityLink } from '../../src/cli/city-link.js';
import { emailedRequest, eventually, ManualClock, seedStaff, startTestApp, type TestApp } from '../support/app.js';
import { axeViolations, startBrowser, type TestBrowser } from '../support/browser.js';
import { CHROMIUM, describeWith } from '../support/system-programs.js';

/**
 * Issue #17, item 8: the city overview as its reader's browser shows it — a table of every institution's figures with
 * a caption and row and column headers, months to page to, the CSV — held to WCAG 2.1 AA by axe-core, in Lithuanian
 * and in English, and its refusals likewise.
 */
const SECRET = 'a-city-overview-page-secret-of-forty-chars!';
const clock = new ManualClock(new Date('2027-03-01T08:00:00+02:00'));
let t: TestApp;
let browser: TestBrowser;
let link: URL;

/** A resolved inquiry of March, answered an hour after it came, rated `score`. */
async function ratedInquiry(ownerId: string, day: string, score: number): Promise<void> {
  clock.set(`2027-03-${day}T09:05:00+02:00`);
  const { inquiry } = await t.app.inquiries.register(emailedRequest({ receivedAt: `2027-03-${day}T09:00:00+02:00` }));
  await t.app.inquiries.claim(inquiry.id, ownerId);
  clock.set(`2027-03-${day}T10:00:00+02:00`);
  await t.app.inquiries.recordFirstReply(inquiry.id, ownerId);
  await t.app.inquiries.resolve(inquiry.id, ownerId);
  await t.app.ratings.record(inquiry.id, ownerId, { score });
}

async function open(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  return page;
}

describeWith(CHROMIUM, 'the city overview in a real Chromium, held to WCAG 2.1 AA', () => {
  beforeAll(async () => {
    t = await startTestApp({ clock }, undefined, { LETTER_LINK_SECRET: SECRET });
    const staff = await seedStaff(t.app);
    // Three ratings in the first institution (the average withheld), none in the second (nothing to count).
    for (const [day, score] of [['02', 5], ['03', 4], ['04', 2]] as const) await ratedInquiry(staff.ona.id, day, score);
    await t.database.asOwner(`INSERT INTO institutions (slug, name) VALUES ('saulute', 'Lopšelis-darželis „Saulutė“')`);
    clock.set('2027-04-10T12:00:00+03:00');
    await eventually(async () => {
      const [row] = await t.database.asOwner<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE consumer = 'quality' AND delivered_at IS NULL`);
      expect(row!.n).toBe(0);
    });
    link = new URL(cityLink([], { LETTER_LINK_SECRET: SECRET, PUBLIC_URL: t.app.url }, clock).stdout.trim());
    // The pages forbid every script; axe-core is one, so only this audit's browser sets the policy aside.
    browser = await startBrowser({ bypassCSP: true });
    browser.context.setDefaultTimeout(10_000);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('R60.internal: the month’s table in Lithuanian and in English — caption, column and row headers — has no violation', async () => {
    for (const [lang, caption] of [['lt', 'Rodikliai pagal įstaigas, 2027 m. kovas'], ['en', 'Figures by institution, March 2027']] as const) {
      const url = new URL(link);
      if (lang === 'en') url.searchParams.set('lang', 'en');
      const page = await open(url.toString());
      const table = page.getByRole('table', { name: caption });
      await table.waitFor();
      expect(await table.getByRole('columnheader').count()).toBe(10);
      expect(await table.getByRole('rowheader').allInnerTexts()).toEqual(['Kauno lopšelis-darželis „Daigelis“', 'Lopšelis-darželis „Saulutė“']);
      expect(await page.getByRole('navigation').getByRole('link').count()).toBe(2);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    }
  });

  it('R60.external: the withheld average says why, and the months before and after open in the same language', async () => {
    const page = await open(`${link.toString()}&lang=en`);
    expect(await page.getByRole('row', { name: /Daigelis/ }).innerText()).toContain('not shown (fewer than 5)');
    await Promise.all([page.waitForURL(/month=2027-02/), page.getByRole('link', { name: 'Previous month: February 2027' }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Quality of service by institution: February 2027' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('the refusals of an altered link (403), an expired one (410) and a month not begun (400) have no violation', async () => {
    const altered = new URL(link);
    altered.searchParams.set('sig', 'x'.repeat(43));
    const future = new URL(link);
    future.searchParams.set('month', '2031-01');
    const expired = cityLink(['--days', '1'], { LETTER_LINK_SECRET: SECRET, PUBLIC_URL: t.app.url }, new ManualClock(new Date('2027-01-01T00:00:00Z'))).stdout.trim();
    for (const [url, status] of [[altered.toString(), 403], [expired, 410], [future.toString(), 400]] as const) {
      const page = await browser.context.newPage();
      const response = await page.goto(url);
      expect(response!.status()).toBe(status);
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
      expect(await page.getByRole('table').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    }
  });
});
