import { helpReply, usageReply } from '../../src/bot/core/commands/guide.js';
import { COMMAND_WORDS, FORM_COMMANDS, LISTS, parseCommand } from '../../src/bot/core/commands/intent.js';
import { placeAnswer } from '../../src/bot/core/commands/privacy.js';

const SLACK = { prefix: '/inquiry', byMention: false };
const TEAMS = { prefix: '@Langelis', byMention: true };
const ona = { platformUserId: 'UONA00001' };
const vida = { platformUserId: 'UVIDA0001' };

describe('parseCommand: one reading of the text commands for Slack and Teams', () => {
  it('lists, the story and search', () => {
    expect(parseCommand('mine', [])).toEqual({ do: 'mine' });
    expect(parseCommand('  MINE  ', [])).toEqual({ do: 'mine' });
    expect(parseCommand('new', [])).toEqual({ do: 'new' });
    expect(parseCommand('show 2027-000012', [])).toEqual({ do: 'show', reference: '2027-000012' });
    expect(parseCommand('find  Vėlesnis   prašymas', [])).toEqual({ do: 'find', text: 'Vėlesnis prašymas' });
  });

  it('each form word offers its use case about one inquiry', () => {
    for (const [word, form] of Object.entries(FORM_COMMANDS)) {
      expect(parseCommand(`${word} 2027-000012`, [])).toEqual({ do: 'form', form, reference: '2027-000012' });
    }
  });

  it('K02/K03: a word understood but lacking its argument gets that word’s usage', () => {
    for (const word of ['show', 'find', ...Object.keys(FORM_COMMANDS)]) {
      expect(parseCommand(word, [])).toEqual({ do: 'usage', word });
      expect(parseCommand(`${word}   `, [])).toEqual({ do: 'usage', word });
    }
    expect(parseCommand('staff', [])).toEqual({ do: 'usage', word: 'staff' });
    expect(parseCommand('staff salary 10', [])).toEqual({ do: 'usage', word: 'staff' });
    expect(parseCommand('staff manager <@UONA00001>', [ona])).toEqual({ do: 'usage', word: 'staff' });
  });

  it('K05: an unknown word, or nothing at all, is the help', () => {
    expect(parseCommand('dance', [])).toEqual({ do: 'help' });
    expect(parseCommand('labas rytas', [])).toEqual({ do: 'help' });
    expect(parseCommand('', [])).toEqual({ do: 'help' });
    expect(parseCommand('help', [])).toEqual({ do: 'help' });
  });

  it('staff: my profile fields, and a manager from the first two people mentioned', () => {
    expect(parseCommand('staff position Auklėtojos padėjėja', [])).toEqual({ do: 'staff_profile', field: 'position', value: 'Auklėtojos padėjėja' });
    expect(parseCommand('staff language en', [])).toEqual({ do: 'staff_profile', field: 'language', value: 'en' });
    expect(parseCommand('staff phone +370 600 11111', [])).toEqual({ do: 'staff_profile', field: 'phone', value: '+370 600 11111' });
    expect(parseCommand('staff manager <@UONA00001|ona> <@UVIDA0001|vida>', [ona, vida])).toEqual({ do: 'staff_manager', member: ona, manager: vida });
  });

  it('R4.owner, away with cover: `staff away <from> [<to>] [@member] @substitute` and `staff back [@member]`', () => {
    expect(parseCommand('staff away 2027-07-01 2027-07-14 <@UONA00001|ona>', [ona])).toEqual({ do: 'staff_away', from: '2027-07-01', to: '2027-07-14', substitute: ona });
    // One date is one day; a supervisor names the member first, like `staff manager`.
    expect(parseCommand('staff away 2027-07-01 <@UONA00001>', [ona])).toEqual({ do: 'staff_away', from: '2027-07-01', to: '2027-07-01', substitute: ona });
    expect(parseCommand('staff away 2027-07-01 2027-07-02 <@UONA00001> <@UVIDA0001>', [ona, vida])).toEqual({ do: 'staff_away', from: '2027-07-01', to: '2027-07-02', member: ona, substitute: vida });
    // Teams: the mentions are entities, their names stay in the text.
    expect(parseCommand('staff AWAY 2027-07-01 2027-07-14 <at>Vida Vadovė</at>', [vida])).toEqual({ do: 'staff_away', from: '2027-07-01', to: '2027-07-14', substitute: vida });
    // A date the domain cannot read still reaches it, to be refused with a reason; no date or no substitute is the usage.
    expect(parseCommand('staff away 2027-7-1 <@UONA00001>', [ona])).toMatchObject({ do: 'staff_away', from: '2027-7-1' });
    expect(parseCommand('staff away rytoj <@UONA00001>', [ona])).toEqual({ do: 'usage', word: 'staff' });
    expect(parseCommand('staff away 2027-07-01 2027-07-14', [])).toEqual({ do: 'usage', word: 'staff' });
    expect(parseCommand('staff back', [])).toEqual({ do: 'staff_back' });
    expect(parseCommand('staff back <@UONA00001>', [ona])).toEqual({ do: 'staff_back', member: ona });
  });

  it('#17.onboarding: `staff import` opens the directory\'s form; anything after it is the usage', () => {
    expect(parseCommand('staff import', [])).toEqual({ do: 'staff_import' });
    expect(parseCommand('STAFF Import', [])).toEqual({ do: 'staff_import' });
    expect(parseCommand('staff import staff.yaml', [])).toEqual({ do: 'usage', word: 'staff' });
  });

  it('issue #15: `export` and `erase` read the same contact (a phone may be typed with spaces); without one, the usage', () => {
    for (const word of ['export', 'erase'] as const) {
      expect(parseCommand(`${word} ieva@example.lt`, [])).toEqual({ do: word, contact: 'ieva@example.lt' });
      expect(parseCommand(`${word.toUpperCase()} +370 612 34567`, [])).toEqual({ do: word, contact: '+370 612 34567' });
      expect(parseCommand(word, [])).toEqual({ do: 'usage', word });
    }
  });

  it('D7: every list has one size on every platform', () => {
    expect(LISTS.mine.limit).toBe(20);
    expect(LISTS.find.limit).toBe(20);
  });
});

describe('one help text, differing only in how a command is typed', () => {
  it('every word is in the help, typed the platform’s way', () => {
    const slack = helpReply('en', SLACK);
    const teams = helpReply('en', TEAMS);
    if (slack.kind !== 'help' || teams.kind !== 'help') throw new Error('help expected');
    const words = new Set(slack.lines.map((line) => line.example.split(' ')[1]));
    expect([...words]).toEqual([...COMMAND_WORDS]);
    expect(slack.lines[1]).toEqual({ example: '/inquiry mine', meaning: 'my open inquiries' });
    expect(teams.lines.map((line) => line.example.replace('@Langelis', '/inquiry'))).toEqual(slack.lines.map((line) => line.example));
    expect(teams.lines.map((line) => line.meaning)).toEqual(slack.lines.map((line) => line.meaning));
    expect(slack.title).toBe(teams.title);
    expect(slack.note).toBeNull();
    expect(teams.note).toContain('@Langelis');
  });

  it('usage shows only the lines of that word, in the reader’s language', () => {
    const find = usageReply('find', 'lt', SLACK);
    if (find.kind !== 'usage') throw new Error('usage expected');
    expect(find.lines).toEqual([{ example: '/inquiry find tekstas', meaning: 'paieška' }]);
    const staff = usageReply('staff', 'en', TEAMS);
    if (staff.kind !== 'usage') throw new Error('usage expected');
    expect(staff.lines.map((line) => line.example)).toEqual([
      '@Langelis staff position|phone|language …',
      '@Langelis staff manager @member @manager',
      '@Langelis staff away 2027-07-01 2027-07-14 @substitute',
      '@Langelis staff back',
      '@Langelis staff import',
    ]);
  });
});

describe('placeAnswer: the core decides where a command\'s answer may stand (issue #15, least privilege)', () => {
  const reply = { kind: 'text', text: 'x' } as const;
  const placed = (text: string, askedIn: 'private' | 'shared') => placeAnswer(parseCommand(text, [ona, vida]), reply, askedIn, 'en').where;

  it('R4.owner / R12.records: typed where colleagues read, what names inquiries or people goes to the asker privately', () => {
    for (const text of ['mine', 'show 2027-000001', 'find Giedrė', 'call 2027-000001', 'report', 'audit 2027-01-01 2027-01-31', 'export giedre@example.lt', 'erase +37060000000', 'hold 2027-000001 on', 'retention run', 'staff import']) {
      expect([text, placed(text, 'shared')]).toEqual([text, 'privately']);
      expect([text, placed(text, 'private')]).toEqual([text, 'here']);
    }
  });

  it('the help, a registration form and staff-directory changes answer where they were typed', () => {
    for (const text of ['help', 'show', 'new', 'staff position Auklėtoja', 'staff manager', 'staff back']) expect([text, placed(text, 'shared')]).toEqual([text, 'here']);
  });

  it('the channel is told only where to look, in the asker\'s language; never the answer itself', () => {
    const answer = { kind: 'text', text: 'Giedrė Žemaitienė, giedre@example.lt' } as const;
    expect(placeAnswer({ do: 'show', reference: '2027-000001' }, answer, 'shared', 'lt')).toEqual({
      where: 'privately',
      reply: answer,
      pointer: 'Atsakiau jums asmeniniame pokalbyje su Langeliu.',
      unreachable: expect.stringContaining('asmeniniame pokalbyje'),
    });
    expect(placeAnswer({ do: 'show', reference: '2027-000001' }, answer, 'shared', 'en')).toMatchObject({ pointer: 'I answered you in a private chat.' });
  });
});
