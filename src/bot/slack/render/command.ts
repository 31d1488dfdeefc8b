import type { CommandReply } from '../../core/commands/reply.js';
import type { Language } from '../../core/i18n/index.js';
import type { KnownBlock, MessageBlock } from './block-types.js';
import { exportButton, reportMessage } from './report.js';
import { storyBlocks } from './story.js';
import { listBlocks } from './list.js';
import { inert, mrkdwn, plain } from './elements.js';

type Shown = Exclude<CommandReply, { kind: 'form' }>;

/** A command's answer as an ephemeral message; forms are not messages (the listener opens them as modals). */
export function commandMessage(reply: Shown, language: Language): { text: string; blocks?: MessageBlock[] } {
  switch (reply.kind) {
    case 'list':
      return { text: reply.title, blocks: listBlocks(reply.title, reply.rows, reply.empty, language) };
    case 'story':
      return storyBlocks(reply.story, language);
    case 'help':
    case 'usage': {
      const lines = reply.lines.map((line) => `\`${inert(line.example)}\` – ${inert(line.meaning)}`);
      const blocks: KnownBlock[] = [{ type: 'header', text: plain(reply.title, 150) }, { type: 'section', text: mrkdwn(lines.join('\n')) }];
      if (reply.note) blocks.push({ type: 'context', elements: [mrkdwn(inert(reply.note))] });
      return { text: reply.title, blocks };
    }
    case 'text':
      return { text: reply.text };
    case 'report':
      return reportMessage(reply.view, { charts: true });
    case 'link':
      return { text: reply.text, blocks: [{ type: 'section', text: mrkdwn(inert(reply.text)) }, { type: 'actions', elements: [exportButton(reply.link.url, reply.link.label)] }] };
  }
}
