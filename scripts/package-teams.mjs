// Builds the Teams app package to upload: manifest.json with this bot's Microsoft App ID, and the two icons,
// zipped at the root as Teams expects. Run: MicrosoftAppId=<guid> npm run package:teams
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'manifests/teams');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const appId = process.env.MicrosoftAppId ?? '';
if (!GUID.test(appId)) {
  console.error('MicrosoftAppId must be set to the bot\'s Microsoft App ID (a GUID), e.g. MicrosoftAppId=… npm run package:teams');
  process.exit(1);
}
// The Teams app may have its own id; by default it is the bot's, which keeps one id to manage.
const teamsAppId = process.env.TEAMS_APP_ID || appId;
if (!GUID.test(teamsAppId)) {
  console.error('TEAMS_APP_ID must be a GUID when set');
  process.exit(1);
}

const manifest = JSON.parse(readFileSync(path.join(source, 'manifest.json'), 'utf8'));
manifest.id = teamsAppId;
for (const bot of manifest.bots) bot.botId = appId;
if (process.env.TEAMS_APP_VERSION) manifest.version = process.env.TEAMS_APP_VERSION;

const zip = new JSZip();
zip.file('manifest.json', JSON.stringify(manifest, null, 2));
zip.file('color.png', readFileSync(path.join(source, 'color.png')));
zip.file('outline.png', readFileSync(path.join(source, 'outline.png')));
const output = path.join(root, 'dist/teams/langelis-teams.zip');
mkdirSync(path.dirname(output), { recursive: true });
writeFileSync(output, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
console.log(`Teams app package: ${path.relative(process.cwd(), output)} (upload it in Teams: Apps → Manage your apps → Upload an app)`);
