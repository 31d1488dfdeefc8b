import { blockKitViolations } from './support/block-kit-limits.js';

describe('the Block Kit limits check used on every payload', () => {
  it('catches each limit it claims to check', () => {
    const button = (text: string, value = 'v') => ({ type: 'button', action_id: 'a', text: { type: 'plain_text', text }, value });
    const option = (value: string) => ({ text: { type: 'plain_text', text: 'o' }, value });
    const overflow = (count: number) => ({ type: 'overflow', action_id: 'o', options: Array.from({ length: count }, (_, index) => option(String(index))) });
    const problems = blockKitViolations([
      { method: 'chat.postMessage', status: 200, body: { blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) } },
      { method: 'chat.postMessage', status: 200, body: { blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }] } },
      { method: 'chat.update', status: 200, body: { blocks: [{ type: 'actions', elements: [button('b'.repeat(76)), button('ok', 'v'.repeat(2001))] }] } },
      { method: 'views.open', status: 200, body: { view: { type: 'modal', title: { type: 'plain_text', text: 't'.repeat(25) }, private_metadata: 'm'.repeat(3001), blocks: [] } } },
      { method: 'chat.update', status: 200, body: { blocks: [{ type: 'actions', elements: [overflow(6), { type: 'static_select', options: [option('v'.repeat(151))] }] }] } },
    ]);
    expect(problems).toEqual([
      'chat.postMessage: 51 blocks > 50',
      'chat.postMessage.blocks[0].text.text: 3001 > 3000',
      'chat.update.blocks[0].elements[0]: button label > 75',
      'chat.update.blocks[0].elements[1]: button value > 2000',
      'views.open.view.title > 24',
      'views.open.view.private_metadata > 3000',
      'chat.update.blocks[0].elements[0]: overflow with 6 options, not 2–5',
      'chat.update.blocks[0].elements[1]: option value > 150',
    ]);
  });
});
