import { emailedRequest } from '../support/app.js';
import { harnessWithAdmin, type SlackHarness } from './support/slack-harness.js';

let h: SlackHarness;

harnessWithAdmin((harness) => {
  h = harness;
});

describe('Issue #15, R12.records: subject access through Slack', () => {
  it('R12.records: `/inquiry export <e-mail>` gives an admin a private link (no contact in it) that opens the export; a representative is refused', async () => {
    const { inquiry } = await h.t.app.inquiries.register(emailedRequest({ client: { name: 'Giedrė Žemaitienė', email: 'giedre@example.lt', phone: null, language: 'lt' } }));
    const refused = await h.command('UONA00001', 'export giedre@example.lt');
    expect(refused.text).toBe('Šiam veiksmui neturite teisių.');
    expect(JSON.stringify(refused)).not.toContain('/subject-access');

    const answer = await h.command('UADMIN001', 'export Giedre@Example.lt');
    expect(answer.text).toContain('1');
    const button = answer.blocks.find((block: any) => block.type === 'actions').elements[0];
    expect(button.url).toMatch(/\/subject-access\?id=/);
    expect(button.url).not.toMatch(/giedre|example/i);
    // Nothing was posted to the channel or to anyone else about it.
    expect(h.api.ok('chat.postMessage', (body) => JSON.stringify(body).includes('subject-access'))).toEqual([]);
    const page = await fetch(button.url.replace(/^https?:\/\/[^/]+/, h.t.app.url));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(inquiry.registryNumber);
    expect(html).toContain('giedre@example.lt');
  });
});
