import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { systemClock } from '../../src/domain/clock.js';
import { INSTALL_LINK_LIFETIME_MS, InstallLinks } from '../../src/domain/install-link.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_DATA_KEYS } from '../support/encryption-keys.js';
import { SmtpReceiver } from '../support/smtp-receiver.js';

/** Issue #17, scripted roll-outs: `npm run institution:add` (the compiled command) adds an institution with its staff. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EXAMPLE = path.join(root, 'examples/staff.example.yaml');
const cli = path.join(root, 'dist/cli/institution-add.js');
const run = promisify(execFile);

let database: TestDatabase;
let dir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(path.join(tmpdir(), 'langelis-institution-add-'));
});
afterAll(async () => {
  await database?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function institutionAdd(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return command(cli, {}, ...args);
}

async function command(file: string, env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [file, ...args], { env: { ...process.env, DATABASE_URL: database.url, DATA_KEYS: TEST_DATA_KEYS, LOG_LEVEL: '', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run institution:add', () => {
  it('adds an institution with its staff directory, managers included, into that institution alone', async () => {
    const added = await institutionAdd('saulute', 'Lopšelis-darželis „Saulutė“', '--staff', EXAMPLE);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toMatch(/^Added institution saulute \((\d+)\): Lopšelis-darželis „Saulutė“\nStaff directory: 5 created, 0 updated\n$/);
    const [institution] = await database.asOwner<{ id: number; name: string }>(`SELECT id, name FROM institutions WHERE slug = 'saulute'`);
    expect(institution!.name).toBe('Lopšelis-darželis „Saulutė“');
    const staff = await database.asOwner<{ institution_id: number; manager_institution: number | null }>(
      `SELECT s.institution_id, m.institution_id AS manager_institution FROM staff_members s LEFT JOIN staff_members m ON m.id = s.manager_id`,
    );
    expect(staff).toHaveLength(5);
    expect(staff.every((member) => member.institution_id === institution!.id && [null, institution!.id].includes(member.manager_institution))).toBe(true);
    expect(staff.some((member) => member.manager_institution === institution!.id)).toBe(true);
    // The same directory in another institution is that institution's own records.
    expect((await institutionAdd('zilvitis', 'Lopšelis-darželis „Žilvitis“', '--staff', EXAMPLE)).code).toBe(0);
    expect(await database.asOwner(`SELECT institution_id, count(*)::int AS n FROM staff_members GROUP BY institution_id ORDER BY institution_id`)).toEqual([
      { institution_id: institution!.id, n: 5 },
      { institution_id: institution!.id + 1, n: 5 },
    ]);
  }, 120_000);

  it('refuses a short name in use, one that cannot be a web address, and a refused directory — adding nothing', async () => {
    const taken = await institutionAdd('saulute', 'Kita Saulutė');
    expect(taken).toMatchObject({ code: 1, stdout: '' });
    expect(taken.stderr).toContain('An institution "saulute" already exists');

    const unusable = await institutionAdd('Saulutė 2', 'Saulutė');
    expect(unusable).toMatchObject({ code: 2, stdout: '' });
    expect(unusable.stderr).toContain('cannot be a short name');

    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify([{ firstName: 'Lina', surname: 'Linaitė', email: 'lina@x', roles: ['boss'] }]));
    const refused = await institutionAdd('vyturys', 'Lopšelis-darželis „Vyturys“', '--staff', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Import refused (INPUT.INVALID)');
    expect(refused.stderr).toContain('The institution was not added.');
    expect(await database.asOwner(`SELECT 1 FROM institutions WHERE slug = 'vyturys'`)).toEqual([]);

    expect((await institutionAdd()).code).toBe(2);
  }, 120_000);

  it('#17.onboarding: takes the setup an admin is otherwise walked through in chat — office hours, staff channels, language — as the new institution\'s own settings', async () => {
    const others = await database.asOwner<{ slug: string; settings: unknown }>(`SELECT slug, settings FROM institutions ORDER BY id`);
    const added = await institutionAdd(
      'vaivorykste', 'Lopšelis-darželis „Vaivorykštė“', '--office-hours', 'Mon-Fri 07:30-16:00',
      '--staff-channel-slack', 'C0VAIVO01', '--staff-channel-teams', '19:vaivo@thread.tacv2', '--language', 'en', '--staff', EXAMPLE,
    );
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toContain('Settings: office hours Mon-Fri 07:30-16:00, Slack staff channel C0VAIVO01, Teams staff channel 19:vaivo@thread.tacv2, language en\nStaff directory: 5 created, 0 updated\n');
    const [row] = await database.asOwner<{ settings: unknown }>(`SELECT settings FROM institutions WHERE slug = 'vaivorykste'`);
    expect(row!.settings).toEqual({ officeHours: 'Mon-Fri 07:30-16:00', staffChannel: { slack: 'C0VAIVO01', teams: '19:vaivo@thread.tacv2' }, defaultLanguage: 'en' });
    // Every other institution's settings are as they were.
    expect(await database.asOwner(`SELECT slug, settings FROM institutions WHERE slug <> 'vaivorykste' ORDER BY id`)).toEqual(others);
  }, 120_000);

  it('#17.onboarding: a setting that cannot work is one line naming its option, exit code 2, and nothing is added', async () => {
    const before = await database.asOwner(`SELECT id, slug, settings FROM institutions ORDER BY id`);
    const refusals: Array<[string[], string]> = [
      [['--office-hours', 'kai norim'], '--office-hours'],
      [['--staff-channel-slack', '#bendras'], '--staff-channel-slack'],
      [['--staff-channel-teams', 'General'], '--staff-channel-teams'],
      [['--language', 'de'], '--language'],
    ];
    for (const [options, named] of refusals) {
      const refused = await institutionAdd('pienele', 'Lopšelis-darželis „Pienelė“', ...options, '--staff', EXAMPLE);
      expect(refused).toMatchObject({ code: 2, stdout: '' });
      expect(refused.stderr).toMatch(new RegExp(`^Not added: ${named}: [^\n]+\n$`));
    }
    expect(await database.asOwner(`SELECT id, slug, settings FROM institutions ORDER BY id`)).toEqual(before);
    expect(await database.asOwner(`SELECT 1 FROM staff_members s JOIN institutions i ON i.id = s.institution_id WHERE i.slug = 'pienele'`)).toEqual([]);
  }, 120_000);

  it('#17.onboarding: takes the mailbox too, tried before anything is added and sealed at rest; a server that does not answer adds nothing', async () => {
    const smtp = await new SmtpReceiver().start();
    try {
      const server = smtp.url.replace('smtp://', 'smtp://rastine:Slaptas-9@');
      const silent = await institutionAdd('debeselis', 'Lopšelis-darželis „Debesėlis“', '--smtp', 'smtp://127.0.0.1:1', '--mail-from', 'rastine@debeselis.lt');
      expect(silent).toMatchObject({ code: 2, stdout: '', stderr: 'Not added: --smtp: the server did not answer\n' });
      const noSender = await institutionAdd('debeselis', 'Lopšelis-darželis „Debesėlis“', '--smtp', server);
      expect(noSender).toMatchObject({ code: 2, stdout: '', stderr: 'Not added: --mail-from: required\n' });
      expect(await database.asOwner(`SELECT 1 FROM institutions WHERE slug = 'debeselis'`)).toEqual([]);

      const added = await institutionAdd('debeselis', 'Lopšelis-darželis „Debesėlis“', '--smtp', server, '--mail-from', 'Debesėlis <rastine@debeselis.lt>');
      expect(added).toMatchObject({ code: 0, stderr: '' });
      expect(added.stdout).toContain(`Mailbox: sends through ${smtp.url.replace('smtp://', 'smtp://rastine@')} as Debesėlis <rastine@debeselis.lt>\n`);
      expect(added.stdout).not.toContain('Slaptas');
      const [row] = await database.asOwner<{ smtp_url: Buffer; mail_from: string }>(
        `SELECT m.smtp_url, m.mail_from FROM institution_mailboxes m JOIN institutions i ON i.id = m.institution_id WHERE i.slug = 'debeselis'`,
      );
      expect(row!.mail_from).toBe('Debesėlis <rastine@debeselis.lt>');
      expect(row!.smtp_url.toString('latin1')).not.toContain('Slaptas');
    } finally {
      await smtp.stop();
    }
  }, 120_000);

  it('issue #17: with Slack installed by OAuth, it prints the link the institution\'s admin installs the app with — and a new one on request', async () => {
    const slack = { SLACK_CLIENT_ID: '1111.2222', SLACK_CLIENT_SECRET: 'client-secret-0123456789', SLACK_SIGNING_SECRET: 'secret-123456', PUBLIC_URL: 'https://langelis.kaunas.lt' };
    const missing = await command(cli, slack, 'azuoliukas', 'Lopšelis-darželis „Ąžuoliukas“');
    expect(missing.code).toBe(0);
    expect(missing.stderr).toContain('LETTER_LINK_SECRET is not set');
    const secret = 'install-link-secret-0123456789abcdef';
    const added = await command(cli, { ...slack, LETTER_LINK_SECRET: secret }, 'pusynelis', 'Lopšelis-darželis „Pušynėlis“');
    expect(added.code).toBe(0);
    const [{ id }] = await database.asOwner<{ id: number }>(`SELECT id FROM institutions WHERE slug = 'pusynelis'`);
    const link = new URL(added.stdout.trim().split('\n').at(-1)!);
    expect(`${link.origin}${link.pathname}`).toBe('https://langelis.kaunas.lt/slack/install');
    const links = new InstallLinks(secret, INSTALL_LINK_LIFETIME_MS, systemClock);
    const query = Object.fromEntries(link.searchParams);
    expect(links.verify(query)).toEqual({ ok: true, institution: id });
    // A link for one institution opens nothing for another.
    expect(links.verify({ ...query, institution: String(id - 1) })).toMatchObject({ ok: false, reason: 'bad_signature' });
    const again = await command(path.join(root, 'dist/cli/install-link.js'), { ...slack, LETTER_LINK_SECRET: secret }, 'pusynelis');
    expect(again.code).toBe(0);
    expect(links.verify(Object.fromEntries(new URL(again.stdout.trim().split('\n').at(-1)!).searchParams))).toEqual({ ok: true, institution: id });
    expect((await command(path.join(root, 'dist/cli/install-link.js'), { ...slack, LETTER_LINK_SECRET: secret }, 'nera')).code).toBe(1);
  }, 120_000);
});
