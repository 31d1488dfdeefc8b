import { randomUUID } from 'node:crypto';
import { hashRatingToken, newRatingToken } from '../../src/domain/rating.js';
import { inInstitution } from '../../src/domain/institution.js';
import type { DomainServices } from '../../src/domain/services.js';
import { TypeormRatingRepository } from '../../src/persistence/rating.typeorm-repository.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { axeViolations, startBrowser, type TestBrowser } from '../support/browser.js';
import { CHROMIUM, describeWith } from '../support/system-programs.js';

/**
 * Issue #17: every institution has its public pages at `/<short name>/` — the web form with its own name, letterhead and
 * procedure link, registering into that institution alone — and the links its e-mails carry (the rating page) lead
 * there. `/` stays the first institution's.
 */
let t: TestApp;
let second: { id: number; services: DomainServices };

const form = (fields: Record<string, string>) => new URLSearchParams({ kind: 'question', name: 'Rūta Rūtaitė', email: 'ruta@example.lt', phone: '', language: 'lt', subject: 'Dėl maitinimo', message: 'Ar galima gauti meniu?', consent: 'on', ...fields });

beforeAll(async () => {
  t = await startTestApp({}, undefined, { PROCEDURE_URL: 'https://daigelis.lt/tvarka', INSTITUTION_ADDRESS: 'Žalioji g. 1, Kaunas' });
  const [{ id }] = await t.database.asOwner<{ id: number }>(`INSERT INTO institutions (slug, name) VALUES ('saulute', 'Lopšelis-darželis „Saulutė“') RETURNING id`);
  second = { id, services: t.app.forInstitution(id) };
  await second.services.staff.importMembers([{ firstName: 'Algė', surname: 'Algaitė', email: 'alge@saulute.lt', roles: ['admin', 'manager', 'representative'] }]);
  const [admin] = await second.services.queries.staffWithRole('admin');
  await second.services.institutionSettings.update(admin!.id, { letterhead: { address: 'Saulės g. 5, Kaunas', phone: '+370 37 111111' }, procedureUrl: 'https://saulute.lt/tvarka' });
}, 120_000);
afterAll(() => t?.stop());

describe('issue #17: a public form per institution', () => {
  it("R64.publish: /saulute/ shows that institution's form — its name, address and procedure — posting to its own address", async () => {
    const response = await fetch(`${t.app.url}/saulute/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Lopšelis-darželis „Saulutė“');
    expect(html).toContain('Saulės g. 5, Kaunas');
    expect(html).toContain('href="https://saulute.lt/tvarka"');
    expect(html).toContain('action="/saulute/inquiries"');
    expect(html).toContain('href="/saulute/?lang=en"');
    // Nothing of the first institution is on it.
    expect(html).not.toContain('Žalioji g. 1');
    expect(html).not.toContain('daigelis.lt/tvarka');
  });

  it("/ stays the first institution's, with its own letterhead from the environment", async () => {
    const html = await (await fetch(`${t.app.url}/`)).text();
    expect(html).toContain('Žalioji g. 1, Kaunas');
    expect(html).toContain('action="/inquiries"');
    expect(html).not.toContain('Saulutė');
  });

  it('R15.register: a submission to /saulute/inquiries is registered in that institution alone', async () => {
    const response = await fetch(`${t.app.url}/saulute/inquiries`, { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(Object.fromEntries(form({ submissionId: randomUUID() }))) });
    expect(response.status).toBe(201);
    const { registryNumber } = (await response.json()) as { registryNumber: string };
    const rows = await t.database.asOwner<{ institution_id: number }>(`SELECT institution_id FROM inquiries WHERE registry_number = $1`, [registryNumber]);
    expect(rows).toEqual([{ institution_id: second.id }]);
  });

  it('an address no institution has is not found; one typed without its last slash leads to the form', async () => {
    expect((await fetch(`${t.app.url}/nera/`)).status).toBe(404);
    const bare = await fetch(`${t.app.url}/saulute`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/saulute/');
  });

  it("R60.external: the rating link of the institution's e-mail opens under its address, with its name; the same token under another's finds nothing", async () => {
    const token = newRatingToken();
    const { inquiry } = await second.services.inquiries.register({
      kind: 'question', channel: 'email', externalId: `<rating-${randomUUID()}@example.lt>`,
      client: { name: 'Giedrė Žemaitienė', email: 'giedre@example.lt', phone: null, language: 'lt' },
      subject: 'Dėl vasaros', body: 'Kada atostogos?', receivedAt: new Date(),
    });
    // Ratings are asked of resolved inquiries.
    const [owner] = await second.services.queries.staffWithRole('representative');
    await second.services.inquiries.claim(inquiry.id, owner!.id);
    await second.services.inquiries.recordFirstReply(inquiry.id, owner!.id);
    await second.services.inquiries.resolve(inquiry.id, owner!.id);
    const now = new Date();
    await inInstitution(second.id, () => new TypeormRatingRepository(t.app.dataSource.manager).insert(
      {
        id: randomUUID(), inquiryId: inquiry.id, channel: 'email', language: 'lt', status: 'pending', requestedAt: now,
        expiresAt: new Date(now.getTime() + 24 * 3_600_000), answeredAt: null, score: null, comment: null, recordedById: null, dedupeKey: null,
        followUpManagerId: null, acknowledgedAt: null, acknowledgedById: null,
      },
      hashRatingToken(token),
    ));
    const page = await fetch(`${t.app.url}/saulute/rating/${token}?score=4`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Lopšelis-darželis „Saulutė“');
    expect(html).toContain(`action="/saulute/rating/${token}"`);
    expect((await fetch(`${t.app.url}/rating/${token}?score=4`)).status).toBe(404);
    const sent = await fetch(`${t.app.url}/saulute/rating/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'score=4&comment=' });
    expect(sent.status).toBe(200);
    expect(await t.database.asOwner(`SELECT institution_id, score FROM rating_requests WHERE inquiry_id = $1`, [inquiry.id])).toEqual([{ institution_id: second.id, score: 4 }]);
  });
});

describeWith(CHROMIUM, "issue #17: an institution's form in a real Chromium, held to WCAG 2.1 AA", () => {
  let browser: TestBrowser;
  beforeAll(async () => {
    browser = await startBrowser({ bypassCSP: true });
  });
  afterAll(() => browser?.close());

  it("R64.publish: /saulute/ passes axe, and a parent's submission there lands on its confirmation, under its address", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${t.app.url}/saulute/`);
    expect(await axeViolations(page)).toEqual([]);
    await page.check('input[name=kind][value=question]');
    await page.fill('#name', 'Rūta Rūtaitė');
    await page.fill('#email', 'ruta@example.lt');
    await page.fill('#subject', 'Dėl ekskursijos');
    await page.fill('#message', 'Kada vyks ekskursija?');
    await page.check('#consent');
    await Promise.all([page.waitForURL(/\/saulute\/inquiries$/), page.locator('button[type=submit], form button').first().click()]);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBeTruthy();
    expect(await page.content()).toContain('Saulės g. 5, Kaunas');
    expect(await axeViolations(page)).toEqual([]);
  });
});
