import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';

const folder = path.resolve(process.cwd(), 'manifests/teams');
const manifest = JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8'));

/** `AppManifestUtils.validateAgainstSchema` (offline, bundled schemas), run in plain Node. */
function schemaErrors(candidate: unknown): string[] {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'teams-manifest-')), 'manifest.json');
  writeFileSync(file, JSON.stringify(candidate));
  const output = execFileSync(process.execPath, [path.resolve(process.cwd(), 'test/teams/support/validate-manifest.cjs'), file], { encoding: 'utf8' });
  return JSON.parse(output) as string[];
}

describe('Teams app manifest', () => {
  it('validates offline against the official Teams schema (1.17 or newer)', async () => {
    expect(Number(manifest.manifestVersion.split('.')[1])).toBeGreaterThanOrEqual(17);
    expect(schemaErrors(manifest)).toEqual([]);
  });

  it('the validation can fail: a wrong scope is reported', async () => {
    const broken = { ...manifest, bots: [{ ...manifest.bots[0], scopes: ['everyone'] }] };
    expect((schemaErrors(broken)).join('\n')).toContain('/bots/0/scopes/0');
  });

  it('lists the commands the bot understands in commandLists (Teams takes ten; `step` and `progress` are in the help)', () => {
    const titles = manifest.bots[0].commandLists.flatMap((list: { commands: Array<{ title: string }> }) => list.commands.map((command) => command.title));
    expect(titles).toEqual(['new', 'mine', 'show', 'find', 'call', 'schedule', 'meeting', 'letter', 'staff', 'help']);
  });

  it('has a 192×192 colour icon and a 32×32 white-on-transparent outline icon', () => {
    const color = PNG.sync.read(readFileSync(path.join(folder, 'color.png')));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = PNG.sync.read(readFileSync(path.join(folder, 'outline.png')));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const colours = new Set<string>();
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = outline.data.subarray(i, i + 4);
      if (a === 0) colours.add('transparent');
      else colours.add(`${r},${g},${b},${a}`);
    }
    expect([...colours].sort()).toEqual(['255,255,255,255', 'transparent']);
  });

  it('npm run package:teams zips the manifest with the bot’s app id and both icons', async () => {
    const appId = '11111111-2222-3333-4444-555555555555';
    execFileSync(process.execPath, ['scripts/package-teams.mjs'], { env: { ...process.env, MicrosoftAppId: appId }, stdio: 'pipe' });
    const zip = await JSZip.loadAsync(readFileSync(path.resolve(process.cwd(), 'dist/teams/langelis-teams.zip')));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const packaged = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(packaged).toMatchObject({ id: appId, bots: [{ botId: appId }] });
    expect(schemaErrors(packaged)).toEqual([]);
  });
});
