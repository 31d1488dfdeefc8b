import { eventually, ManualClock } from '../support/app.js';
import { blockAction } from './support/payloads.js';
import { postInteraction } from './support/signed-requests.js';
import { startSlackHarness, STAFF_CHANNEL, type SlackHarness } from './support/slack-harness.js';

/** Slack answers users.info with an English locale for everyone here; the staff settings stay Lithuanian. */
describe('Slack locale', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness({ clock: new ManualClock(new Date('2027-03-01T10:00:00+02:00')) });
    h.api.answer('users.info', { ok: true, user: { id: 'UONA00001', locale: 'en-US' } });
  });
  afterAll(() => h.stop());

  it('R4.owner: a member whose Slack locale is English reads English even with a Lithuanian setting', async () => {
    const inquiry = await h.claimedBy(h.staff.jonas.id);
    const ts = await h.announcementOf(inquiry.id);
    expect(h.staff.ona.language).toBe('lt');
    await postInteraction(h.events, blockAction('UONA00001', 'claim', inquiry.id, { channel: STAFF_CHANNEL, ts }));
    const [ephemeral] = await eventually(() => {
      const found = h.api.ok('chat.postEphemeral', (body) => body.user === 'UONA00001');
      expect(found).toHaveLength(1);
      return found;
    });
    expect(ephemeral!.text).toBe(`${inquiry.registryNumber} is already claimed by Jonas Jonaitis.`);
    expect(h.api.ok('users.info', (body) => body.user === 'UONA00001' && String(body.include_locale) === 'true').length).toBeGreaterThan(0);
  });

  it('an unreadable locale keeps the staff setting (Lithuanian by default)', async () => {
    h.api.answer('users.info', { ok: false, error: 'missing_scope' });
    const inquiry = await h.claimedBy(h.staff.ona.id);
    const ts = await h.announcementOf(inquiry.id);
    await postInteraction(h.events, blockAction('UMANAGER1', 'claim', inquiry.id, { channel: STAFF_CHANNEL, ts }));
    const [ephemeral] = await eventually(() => {
      const found = h.api.ok('chat.postEphemeral', (body) => body.user === 'UMANAGER1');
      expect(found).toHaveLength(1);
      return found;
    });
    expect(ephemeral!.text).toBe(`Užklausos ${inquiry.registryNumber} jau ėmėsi Ona Onaitė.`);
  });
});
