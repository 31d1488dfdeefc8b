import { twentyFiveOpenInquiries } from '../../support/pressing-list.js';
import type { CastName } from '../cast.js';
import type { Scenario } from '../scenario.js';

/** Each platform's row lists its own person's inquiries: the two rows share one world. */
const asker = (platform: string): CastName => (platform === 'slack' ? 'ona' : 'jonas');

/** Text commands (src/bot/core/commands): one parser, one set of list limits, on every platform. */
export const commandRows: Scenario[] = [
  {
    id: 'K01',
    title: 'R4.owner (D7): `mine` with 25 open inquiries → the 20 most pressing, privately to the asker; nobody else is told',
    drift: 'D7',
    given: async (world, platform) => {
      await twentyFiveOpenInquiries(world.app, world.staff[asker(platform)].id);
      return { who: asker(platform) };
    },
    when: (_world, { who }: { who: CastName }, driver) => driver.command(who, 'mine'),
    // Each line has its Open button, on both platforms.
    expect: ({ who }: { who: CastName }) => [`private:${who} post list.mine [${Array(20).fill('open').join(' ')}] #20`],
  },
  {
    id: 'K02',
    title: '`find` without text → that word’s usage, privately; nothing is searched, nobody else is told',
    given: async () => ({}),
    when: (_world, _context, driver) => driver.command('ona', 'find'),
    expect: ['private:ona post command.usage []'],
  },
  {
    id: 'K03',
    title: 'Issue #15 (least privilege): `find` by a representative skips a colleague’s inquiry; a manager finds it — privately, nobody else is told',
    given: async (world, platform) => {
      // The word is in the body of an inquiry jonas owns: ona may not browse it, vida (a manager) may.
      const word = `Skarlatina${platform}`;
      const inquiry = await world.newInquiry({ body: `Vaikas serga: ${word}.` });
      await world.app.inquiries.claim(inquiry.id, world.staff.jonas.id);
      await world.settle();
      return { word };
    },
    when: async (_world, { word }: { word: string }, driver) => {
      await driver.command('ona', `find ${word}`);
      await driver.command('vida', `find ${word}`);
    },
    // ona's list is empty (no Open button); vida's has the one inquiry.
    expect: ['private:ona post list.found []', 'private:vida post list.found [open]'],
  },
];
