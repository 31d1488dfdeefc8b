import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describeImportError, importStaffFile, StaffFileError } from '../../src/cli/staff-import.js';
import { DomainError } from '../../src/domain/errors.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';
import { TEST_DATA_KEYS } from '../support/encryption-keys.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EXAMPLE = path.join(root, 'examples/staff.example.yaml');
const DIRECTOR = 'direktore@daigelis.lt';
const DEPUTY = 'ruta.kazlauskiene@daigelis.lt';
const REPRESENTATIVES = ['rastine@daigelis.lt', 'gintare.stankeviciene@daigelis.lt', 'mantas.zukauskas@daigelis.lt'];

let t: TestApp;
let dir: string;

beforeAll(async () => {
  t = await startTestApp();
  dir = await mkdtemp(path.join(tmpdir(), 'langelis-staff-import-'));
});

afterAll(async () => {
  await t?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface StoredMember {
  email: string;
  first_name: string;
  position: string | null;
  phone: string | null;
  language: string;
  roles: string[];
  slack_user_id: string | null;
  teams_user_id: string | null;
  manager_email: string | null;
}

/** The directory as stored, keyed by e-mail, each with the e-mail of their direct manager. */
async function directory(): Promise<Map<string, StoredMember>> {
  const rows: StoredMember[] = await t.app.dataSource.query(
    `SELECT s.email, s.first_name, s.position, s.phone, s.language, s.roles, s.slack_user_id, s.teams_user_id,
            m.email AS manager_email
     FROM staff_members s LEFT JOIN staff_members m ON m.id = s.manager_id`,
  );
  return new Map(rows.map((row) => [row.email, row]));
}

async function writeStaffFile(name: string, content: unknown): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

async function importError(file: string): Promise<DomainError> {
  const error = await importStaffFile(file, t.app.staff).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const person = (firstName: string, email: string, manager: string | null = null) => ({
  firstName,
  surname: 'Testaitė',
  email,
  ...(manager ? { manager } : {}),
});

describe('staff import from a file', () => {
  it('R4.owner: imports the example directory with each direct manager linked', async () => {
    expect(await importStaffFile(EXAMPLE, t.app.staff)).toEqual({ created: 5, updated: 0 });

    const staff = await directory();
    expect([...staff.keys()].sort()).toEqual([DIRECTOR, DEPUTY, ...REPRESENTATIVES].sort());
    expect(staff.get(DIRECTOR)).toMatchObject({ manager_email: null, roles: ['head', 'admin'], position: 'Direktorė' });
    expect(staff.get(DEPUTY)).toMatchObject({ manager_email: DIRECTOR, roles: ['manager', 'representative'] });
    for (const email of REPRESENTATIVES) {
      expect(staff.get(email)).toMatchObject({ manager_email: DEPUTY, roles: ['representative'] });
    }
    expect(staff.get('rastine@daigelis.lt')).toMatchObject({
      first_name: 'Justė',
      phone: '+370 37 201 451',
      slack_user_id: 'U04JUSTE03',
      teams_user_id: '0b9e7d31-52c4-4f6a-8e21-7c4d9a6b3f15',
    });
    expect(staff.get('gintare.stankeviciene@daigelis.lt')?.teams_user_id).toBeNull();
    expect(staff.get('mantas.zukauskas@daigelis.lt')?.language).toBe('en');
    // The people can be found the way the bot finds them.
    expect((await t.app.staff.findBySlackUser('U04MANTA05')).surname).toBe('Žukauskas');
  });

  it('R4.owner: importing the same file again updates everyone and creates no one', async () => {
    const before = await directory();
    expect(await importStaffFile(EXAMPLE, t.app.staff)).toEqual({ created: 0, updated: 5 });
    expect(await directory()).toEqual(before);
  });

  it('R4.owner: a manager nobody knows refuses the whole file (STAFF.NOT_FOUND) and writes nothing', async () => {
    const before = await directory();
    const file = await writeStaffFile('unknown-manager.json', [
      // An update of someone already there and a new person, both valid on their own…
      { ...person('Aušra', DIRECTOR), surname: 'Petrauskienė', position: 'Laikinai einanti direktorės pareigas', roles: ['head'] },
      person('Eglė', 'egle@daigelis.lt', DEPUTY),
      // …but this one reports to someone who is neither in the file nor in the directory.
      person('Lina', 'lina@daigelis.lt', 'nera.tokio@daigelis.lt'),
    ]);

    const error = await importError(file);
    expect(error.code).toBe('STAFF.NOT_FOUND');
    expect(error.details).toEqual({ reference: 'nera.tokio@daigelis.lt' });
    expect(await directory()).toEqual(before);
  });

  it('R4.owner: a chain of managers that loops back is refused (STAFF.INVALID) and writes nothing', async () => {
    const before = await directory();
    const file = await writeStaffFile(
      'cycle.yaml',
      `
- { firstName: Eglė, surname: Eglaitė, email: egle@daigelis.lt, manager: lina@daigelis.lt }
- { firstName: Lina, surname: Linaitė, email: lina@daigelis.lt, manager: egle@daigelis.lt }
`,
    );
    expect((await importError(file)).code).toBe('STAFF.INVALID');

    // A loop through people already in the directory: the director made to report to her own deputy.
    const upward = await writeStaffFile('cycle-existing.yaml', `- { firstName: Aušra, surname: Petrauskienė, email: ${DIRECTOR}, roles: [head, admin], manager: ${DEPUTY} }\n`);
    expect((await importError(upward)).code).toBe('STAFF.INVALID');

    expect(await directory()).toEqual(before);
  });

  it('a malformed record is refused (INPUT.INVALID) naming the record and field', async () => {
    const before = await directory();
    const file = await writeStaffFile(
      'bad-email.yml',
      `
- firstName: Eglė
  surname: Eglaitė
  email: egle@daigelis.lt
- firstName: Lina
  surname: Linaitė
  email: lina.daigelis.lt
`,
    );
    const error = await importError(file);
    expect(error.code).toBe('INPUT.INVALID');
    expect(error.details.fields).toEqual([expect.objectContaining({ path: '1.email' })]);
    expect(describeImportError(error)).toMatch(/record 2, field email: /);
    expect(await directory()).toEqual(before);
  });

  it('reads an unquoted YAML phone number as written', async () => {
    const file = await writeStaffFile('phone.yaml', '- { firstName: Eglė, surname: Eglaitė, email: egle@daigelis.lt, phone: +37061234567 }\n');
    expect(await importStaffFile(file, t.app.staff)).toEqual({ created: 1, updated: 0 });
    expect((await directory()).get('egle@daigelis.lt')?.phone).toBe('+37061234567');
  });

  it('a missing, unparsable or unknown kind of file is a clear error', async () => {
    const missing = importStaffFile(path.join(dir, 'nera.yaml'), t.app.staff);
    await expect(missing).rejects.toBeInstanceOf(StaffFileError);
    await expect(missing).rejects.toThrow(`${path.join(dir, 'nera.yaml')}: no such file`);
    await expect(importStaffFile(await writeStaffFile('broken.json', '[{"firstName": '), t.app.staff)).rejects.toThrow(/not valid JSON/);
    await expect(importStaffFile(await writeStaffFile('broken.yaml', '- firstName: [Eglė\n'), t.app.staff)).rejects.toThrow(/not valid YAML/);
    await expect(importStaffFile(await writeStaffFile('staff.csv', 'firstName,surname\n'), t.app.staff)).rejects.toThrow(/use \.yaml, \.yml or \.json/);
  });
});

describe('npm run staff:import (the compiled command)', () => {
  const run = promisify(execFile);
  const cli = path.join(root, 'dist/cli/staff-import.js');

  async function staffImport(databaseUrl: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl, DATA_KEYS: TEST_DATA_KEYS, LOG_LEVEL: '' } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('prints the counts, and on a refused file the reason per field with exit code 1', async () => {
    const database = await createTestDatabase();
    try {
      expect(await staffImport(database.url, EXAMPLE)).toEqual({ code: 0, stdout: 'Imported: 5 created, 0 updated\n', stderr: '' });
      expect((await staffImport(database.url, EXAMPLE)).stdout).toBe('Imported: 0 created, 5 updated\n');

      const bad = await writeStaffFile('cli-bad.json', [person('Eglė', 'egle@daigelis.lt'), { ...person('Lina', 'lina@x'), roles: ['boss'] }]);
      const refused = await staffImport(database.url, bad);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toContain('Import refused (INPUT.INVALID)');
      expect(refused.stderr).toContain('record 2, field email:');
      expect(refused.stderr).toContain('record 2, field roles.0:');

      const missing = await staffImport(database.url, path.join(dir, 'nera.yaml'));
      expect(missing).toMatchObject({ code: 1, stdout: '' });
      expect(missing.stderr).toContain('nera.yaml: no such file');
    } finally {
      await database.drop();
    }
    // Four runs of a process that loads the whole app (chat SDKs included) and migrates a database.
  }, 120_000);

  it('#17: --institution imports into that institution alone; a short name no institution has is refused, importing nothing', async () => {
    const database = await createTestDatabase();
    try {
      const unknown = await staffImport(database.url, '--institution', 'nera', EXAMPLE);
      expect(unknown).toEqual({ code: 1, stdout: '', stderr: 'No institution "nera": add it with npm run institution:add.\n' });
      expect((await staffImport(database.url, '--institution', 'Ne Trumpas', EXAMPLE)).code).toBe(2);
      const [{ id }] = await database.asOwner<{ id: number }>(`INSERT INTO institutions (slug, name) VALUES ('saulute', 'Saulutė') RETURNING id`);

      expect(await staffImport(database.url, '--institution', 'saulute', EXAMPLE)).toEqual({ code: 0, stdout: 'Imported: 5 created, 0 updated\n', stderr: '' });
      // The directory and its managers are the named institution's; the first institution (and the unknown name) got no one.
      const rows = await database.asOwner<{ institution_id: number; n: number; managed: number }>(
        `SELECT s.institution_id, count(*)::int AS n, count(m.id) FILTER (WHERE m.institution_id = s.institution_id)::int AS managed
         FROM staff_members s LEFT JOIN staff_members m ON m.id = s.manager_id GROUP BY s.institution_id`,
      );
      expect(rows).toEqual([{ institution_id: id, n: 5, managed: 4 }]);
    } finally {
      await database.drop();
    }
  }, 120_000);
});
