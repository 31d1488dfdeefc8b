import { describeDelivery } from '../contract/drivers/driver.js';
import { answeredBy } from '../contract/scenarios/support.js';
import { startWorld, type World } from '../contract/world.js';
import { eventually } from '../support/app.js';
import { startBrowser, type TestBrowser } from '../support/browser.js';
import { CHROMIUM, describeWith } from '../support/system-programs.js';

/**
 * R60.external end to end in a real Chromium: the client gets the rating e-mail (a real SMTP server), opens the
 * "2" link, confirms it with a comment, and the owner's direct manager — and nobody else — is told on Slack and
 * Teams, the comment in no message. The page works without script under its own strict policy (no CSP bypass).
 */
let world: World;
let browser: TestBrowser;

describeWith(CHROMIUM, 'the rating page in a real Chromium', () => {
  beforeAll(async () => {
    world = await startWorld({ email: true });
    browser = await startBrowser();
    browser.context.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser?.close();
    await world?.stop();
  });

  it('R60.external: the client rates 2 from the e-mail link on a phone-sized screen → recorded once; vida (the owner’s manager) alone is DMed, the comment in no message', async () => {
    const comment = 'Niekas man nepaskambino – labai nusivyliau';
    const { inquiryId } = await answeredBy(world, 'ona', { resolved: true });
    const { inquiry } = await world.app.queries.get(inquiryId);
    const link = await eventually(() => {
      const mail = world.smtp!.to(inquiry.client.email!).find((received) => /\/rating\//.test(received.parsed.text ?? ''));
      const found = /https?:\/\/\S+\/rating\/[A-Za-z0-9_-]+\?score=2/.exec(mail?.parsed.text ?? '');
      expect(found).not.toBeNull();
      return new URL(found![0]);
    });
    await world.settle();
    const marks = { slack: world.drivers.slack.mark(), teams: world.drivers.teams.mark() };

    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 375, height: 740 });
    const path = `${link.pathname}${link.search}`;
    await page.goto(`${world.app.url}${path}`);
    await page.getByRole('heading', { name: 'Įvertinkite, kaip jums padėjome' }).waitFor();
    expect(await page.getByLabel('2 – prastai').isChecked()).toBe(true);
    // Opening the link recorded nothing (a mail scanner may have opened it too).
    expect((await world.app.ratings.ratingsOf(inquiryId))[0]).toMatchObject({ status: 'pending', score: null });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.getByLabel('Komentaras (neprivaloma)').fill(comment);
    await Promise.all([page.waitForURL(`${world.app.url}${link.pathname}`), page.getByRole('button', { name: 'Siųsti įvertinimą' }).click()]);
    expect(await page.locator('#rating-recorded').innerText()).toContain('2 iš 5');
    await page.close();

    await eventually(async () => expect((await world.app.ratings.ratingsOf(inquiryId))[0]).toMatchObject({ status: 'answered', score: 2, comment }));
    await world.settle();
    // Who was told: vida on each platform, by DM, with Acknowledge and Open; not ona, not the channel, not the thread.
    for (const platform of ['slack', 'teams'] as const) {
      expect(world.drivers[platform].deliveriesSince(marks[platform]).map(describeDelivery)).toEqual(['dm:vida post notice.rated.low [acknowledge_rating open]']);
    }
    // Nothing the bot sent to either platform carries the client's comment.
    const sent = JSON.stringify([world.wire.api.calls, world.wire.api.hooks, world.wire.connector.calls]);
    expect(sent).not.toContain('nusivyliau');
    expect(sent).toContain(inquiry.registryNumber);
  });
});
