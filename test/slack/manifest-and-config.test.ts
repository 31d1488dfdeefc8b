import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { ConfigError, loadConfig } from '../../src/config.js';
import { BOT_SCOPES } from '../../src/bot/slack/installer.js';
import { slackSettings } from '../../src/bot/slack/settings.js';

const schemas = path.resolve(process.cwd(), '../shared/schemas/slack-manifest');
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

function manifestValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  // ajv-formats is CommonJS: under ESM its default import is the plugin function itself.
  (addFormats as unknown as (instance: Ajv) => void)(ajv);
  // The root schema refers to the versioned ones by URL; registering them under those URLs means nothing is fetched.
  for (const version of ['1.0.0', '2.0.0']) {
    ajv.addSchema(readJson(path.join(schemas, `schemas_manifest.schema.${version}.json`)), `https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.${version}.json`);
  }
  return ajv.compile(readJson(path.join(schemas, 'manifest.schema.json')));
}

describe('Slack app manifest', () => {
  const validate = manifestValidator();

  it.each(['manifest.json', 'manifest.http.json'])('%s conforms to Slack’s manifest schema', (file) => {
    const manifest = readJson(path.resolve('manifests/slack', file));
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
  });

  it('the schema check can fail: a manifest with a broken slash command is refused', () => {
    const manifest = readJson(path.resolve('manifests/slack/manifest.json'));
    manifest.features.slash_commands[0].command = 'inquiry';
    expect(validate(manifest)).toBe(false);
  });

  it.each(['manifest.json', 'manifest.http.json'])('%s asks for what the bot uses: /inquiry, interactivity, App Home and its event, DM scopes, and the history scopes that check an interrupted post', (file) => {
    const manifest = readJson(path.resolve('manifests/slack', file));
    expect(manifest.features.slash_commands.map((command: { command: string }) => command.command)).toEqual(['/inquiry']);
    expect(manifest.features.slash_commands[0].should_escape).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    // member_joined_channel (channels:read, groups:read): the app welcomes the staff channel it is invited to.
    // app_uninstalled, tokens_revoked (issue #17): a workspace that removed the app is told nothing more.
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened', 'app_uninstalled', 'member_joined_channel', 'tokens_revoked']);
    // The installer asks Slack for exactly the scopes the manifest lists.
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['channels:read', 'groups:read']));
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['chat:write', 'commands', 'im:write']));
    // Before posting an event's message again, the bot reads the channel's or DM's recent history for it.
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['channels:history', 'groups:history', 'im:history']));
    if (!manifest.settings.socket_mode_enabled) {
      for (const url of [manifest.settings.interactivity.request_url, manifest.settings.event_subscriptions.request_url, manifest.features.slash_commands[0].url]) {
        expect(url).toMatch(/^https:\/\/.+\/slack\/events$/);
      }
      // Issue #17: installs by OAuth come back to the redirect URL the installer names.
      expect(manifest.oauth_config.redirect_urls).toEqual([expect.stringMatching(/^https:\/\/.+\/slack\/oauth_redirect$/)]);
    }
  });
});

describe('Slack configuration', () => {
  it('Slack is off when none of its variables is set', () => {
    expect(slackSettings(loadConfig({}))).toBeNull();
  });

  it.each([
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, ['SLACK_STAFF_CHANNEL', 'SLACK_SIGNING_SECRET']],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_STAFF_CHANNEL: 'C0STAFF01' }, ['SLACK_SIGNING_SECRET']],
    [{ SLACK_SIGNING_SECRET: 'secret-123456', SLACK_STAFF_CHANNEL: 'C0STAFF01' }, ['SLACK_BOT_TOKEN']],
    [{ SLACK_APP_TOKEN: 'xapp-1', SLACK_BOT_TOKEN: 'xoxb-1' }, ['SLACK_STAFF_CHANNEL']],
    // Issue #17: installs by OAuth need both credentials and HTTP; Socket Mode carries one workspace only.
    [{ SLACK_CLIENT_ID: '1111.2222' }, ['SLACK_CLIENT_SECRET', 'SLACK_SIGNING_SECRET']],
    [{ SLACK_CLIENT_ID: '1111.2222', SLACK_CLIENT_SECRET: 'client-secret-0123456789', SLACK_SIGNING_SECRET: 'secret-123456', SLACK_APP_TOKEN: 'xapp-1' }, ['SLACK_APP_TOKEN']],
  ])('a half-configured Slack (%j) stops the start naming %j', (env, missing) => {
    const config = loadConfig(env);
    expect(() => slackSettings(config)).toThrow(ConfigError);
    const message = (() => {
      try {
        slackSettings(config);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const name of missing) expect(message).toContain(`- ${name}:`);
  });

  it('issue #17: with OAuth alone no token or channel is configured; installers come back to PUBLIC_URL', () => {
    const settings = slackSettings(loadConfig({ SLACK_CLIENT_ID: '1111.2222', SLACK_CLIENT_SECRET: 'client-secret-0123456789', SLACK_SIGNING_SECRET: 'secret-123456', PUBLIC_URL: 'https://langelis.kaunas.lt/' }));
    expect(settings).toMatchObject({ botToken: null, appToken: null, oauth: { clientId: '1111.2222', redirectUri: 'https://langelis.kaunas.lt/slack/oauth_redirect', authorizeUrl: 'https://slack.com/oauth/v2/authorize' } });
  });

  it('HTTP mode needs token, signing secret and channel; Socket Mode needs token, app token and channel', () => {
    expect(slackSettings(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret-123456', SLACK_STAFF_CHANNEL: 'C0STAFF01' }))).toMatchObject({ appToken: null });
    expect(slackSettings(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_STAFF_CHANNEL: 'C0STAFF01', SLACK_API_URL: 'http://127.0.0.1:9/api' }))).toMatchObject({
      appToken: 'xapp-1',
      signingSecret: null,
      apiUrl: 'http://127.0.0.1:9/api/',
    });
  });
});
