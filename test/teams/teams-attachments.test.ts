import { cardAction } from './support/activities.js';
import { cardActions, cardText } from './support/cards.js';
import { announcementOf, eventually, expectValidCards, people, startTeams, type TeamsHarness } from './support/teams-app.js';
import { emailedRequest } from '../support/app.js';

/**
 * Issue #15 on Teams: health data stays out of chat. A client's e-mailed file is never posted; Details lists it
 * (name and size) as an OpenUrl signed for the one person who opened it, and only for the owner and managers.
 */

let h: TeamsHarness;
const FILE = 'alergijos-pazyma-SVK5528.pdf';

beforeAll(async () => {
  h = await startTeams();
});
afterAll(() => h.stop());

it('R35.no-internal / R4.owner: the owner and a manager see the file as a link of their own in Details; a colleague sees no trace of it; no channel post names it', async () => {
  const request = emailedRequest({ client: { name: 'Petras Petraitis', email: 'petras@example.lt', phone: null, language: 'lt' } });
  const { inquiry } = await h.t.app.inquiries.register(request);
  await announcementOf(h, inquiry.id);
  await h.t.app.inquiries.claim(inquiry.id, h.staff.ona.id);
  await h.t.app.mail.messaging.storeAttachments(inquiry.id, request.externalId, [{ filename: FILE, contentType: 'application/pdf', content: Buffer.alloc(2_048, 1) }]);
  const [row] = await h.t.app.dataSource.query('SELECT id FROM mail_attachments WHERE inquiry_id = $1', [inquiry.id]);

  const shown: unknown[] = [];
  for (const [person, staffId] of [[people.ona, h.staff.ona.id], [people.manager, h.staff.manager.id]] as const) {
    const details = await h.post(cardAction(h.connector.url, person, 'inquiry.details', { inquiryId: inquiry.id, view: 'announcement' }));
    const link = cardActions(details.body.value).find((action) => action.type === 'Action.OpenUrl' && String(action.url).includes('/attachments/'));
    expect(link?.title).toBe(`📎 ${FILE} (2 KB)`);
    expect(link?.url).toMatch(new RegExp(`/attachments/${row.id}\\?staff=${staffId}&expires=\\d+&sig=[\\w-]{43}$`));
    shown.push(details.body.value);
  }
  const colleague = await h.post(cardAction(h.connector.url, people.jonas, 'inquiry.details', { inquiryId: inquiry.id, view: 'announcement' }));
  expect(cardText(colleague.body.value)).not.toContain('SVK5528');
  expect(JSON.stringify(colleague.body)).not.toContain('/attachments/');
  expectValidCards([...shown, colleague.body.value]);

  // Everything the bot sent through the connector — the channel's posts, replies, updates, DMs — names neither.
  await eventually(() => expect(h.connector.calls.length).toBeGreaterThan(0));
  const sent = JSON.stringify(h.connector.calls);
  expect(sent).not.toContain('SVK5528');
  expect(sent).not.toContain('/attachments/');
});
