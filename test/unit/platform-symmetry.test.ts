import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sharedWindows, shapeOf, shapedLines, type SourceFile } from '../support/same-shape.js';

/**
 * Issue #12, item 7: the core decides, the platform folders only render — so what both platforms do alike lives
 * once, in src/bot/core. No run of six same-shaped lines may stand in both src/bot/slack and src/bot/teams, and the
 * two folders keep the same map, so a newcomer learns it once.
 */
const ROOT = path.resolve('src/bot');

function sources(folder: string): SourceFile[] {
  const dir = path.join(ROOT, folder);
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => ({ path: path.join('src/bot', folder, name), text: readFileSync(path.join(dir, name), 'utf8') }));
}

/** Top-level entries of a platform folder, `.ts` dropped: the map a newcomer learns. */
function map(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder)).map((name) => name.replace(/\.ts$/, '')).sort();
}

describe('the window finder', () => {
  const slack: SourceFile = {
    path: 'slack/a.ts',
    text: [
      "import { x } from './x.js';",
      '',
      '/** Says hello. */',
      'export function greet(person: Person): string {',
      '  // the name first',
      "  const name = person.name ?? 'nobody';",
      '  if (name.length > 40) return clip(name, 40);',
      '  const words = [name, greeting(person.language)];',
      "  return words.join(' ');",
      '}',
      'export const answer = 42;',
    ].join('\n'),
  };

  it('shapes a line: names, strings and numbers become placeholders, keywords stay', () => {
    expect(shapeOf("  const name = person.name ?? 'nobody';")).toBe('const I = I.I ?? S;');
    expect(shapeOf('if (count > 40) return clip(`a ${b}`, 4_000);')).toBe('if (I > N) return I(S, N);');
  });

  it('skips blank, comment-only and import lines', () => {
    expect(shapedLines(slack).map((line) => line.line)).toEqual([4, 6, 7, 8, 9, 10, 11]);
  });

  it('finds a block copied into the other folder with other names, strings and numbers', () => {
    const teams: SourceFile = {
      path: 'teams/b.ts',
      text: [
        "import type { Card } from './card.js';",
        'const unrelated = true;',
        'export function salute(member: Member): string {',
        '  /* spread over',
        '     two lines */',
        "  const title = member.title ?? 'sir';",
        '  if (title.length > 10) return cut(title, 10);',
        '',
        '  const parts = [title, welcome(member.locale)];',
        "  return parts.join('-');",
        '}',
        'export const limit = 7;',
      ].join('\n'),
    };
    expect(sharedWindows([slack], [teams])).toEqual([
      { left: { path: 'slack/a.ts', line: 4 }, right: { path: 'teams/b.ts', line: 3 } },
      { left: { path: 'slack/a.ts', line: 6 }, right: { path: 'teams/b.ts', line: 6 } },
    ]);
  });

  it('does not count five shared lines, nor the same lines in one folder', () => {
    // The sixth counted line differs in shape: five in a row are shared, then the run breaks.
    const teams: SourceFile = { path: 'teams/c.ts', text: slack.text.replace("return words.join(' ');", 'throw new Error(words[0]);') };
    expect(sharedWindows([slack], [teams])).toEqual([]);
    expect(sharedWindows([slack, { ...slack, path: 'slack/copy.ts' }], [])).toEqual([]);
  });
});

describe('the two platform folders', () => {
  it('share no run of six same-shaped lines (what both do belongs in src/bot/core)', () => {
    const [slack, teams] = [sources('slack'), sources('teams')];
    expect(slack.length).toBeGreaterThan(20);
    expect(teams.length).toBeGreaterThan(20);
    // Planted: a real Slack file copied into the Teams set is found, so an empty answer below means something.
    const planted = { ...slack.find((file) => file.path.endsWith('surface.ts'))!, path: 'src/bot/teams/planted.ts' };
    expect(sharedWindows(slack, [...teams, planted]).length).toBeGreaterThan(0);
    const shared = sharedWindows(slack, teams);
    const places = shared.map(({ left, right }) => `${left.path}:${left.line} ~ ${right.path}:${right.line}`);
    expect(places).toEqual([]);
  });

  it('have the same map: the same roles under the same names', () => {
    // What each platform has alone (Slack's locales and exactly-once posts, Teams' router and conversation
    // references) may differ; the roles both have are named alike.
    const roles: Record<string, string[]> = {
      '': ['endpoint', 'envelope', 'errors', 'index', 'listeners', 'notifier', 'platform', 'render', 'services', 'surface'],
      listeners: ['clicks', 'commands', 'forms', 'index', 'install'],
      render: ['actions', 'command', 'elements', 'form', 'inquiry', 'list', 'outcome', 'story'],
    };
    for (const [folder, names] of Object.entries(roles)) {
      for (const platform of ['slack', 'teams']) expect({ [platform]: map(path.join(platform, folder)) }).toEqual({ [platform]: expect.arrayContaining(names) });
    }
    for (const platform of ['slack', 'teams']) expect(map(`${platform}/notifier`)).toEqual(['index', 'notice']);
  });
});
