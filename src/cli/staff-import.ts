import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DomainError } from '../domain/errors.js';
import { FIRST_INSTITUTION, inInstitution } from '../domain/institution.js';
import { StaffDirectory, type ImportSummary } from '../domain/staff.service.js';
import { parseStaffText, StaffTextError, type StaffTextFormat } from '../formats/staff-directory.js';
import { SLUG } from '../persistence/institutions.js';
import { TypeormUnitOfWork } from '../persistence/unit-of-work.typeorm.js';
import { cliArgs, cliConfig, cliDatabase, namedInstitution, runWhenEntryPoint } from './cli-support.js';

/**
 * `npm run staff:import [--institution <short-name>] <file>`: loads an institution's staff directory (the first
 * institution's when none is named) from a YAML or JSON file into the database `npm start` uses (DATABASE_URL, or the
 * embedded PostgreSQL in DATA_DIR). The whole file applies or nothing does. Admins import a small directory in chat
 * (`staff import`); this is for the large ones and scripted roll-outs (issue #17).
 */

/** The file cannot be read or parsed; nothing was imported. */
export class StaffFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StaffFileError';
  }
}

const FORMATS: Record<string, StaffTextFormat> = { '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json' };

/** Reads a staff file into plain data (not yet validated: the directory does that). */
export async function readStaffFile(file: string): Promise<unknown> {
  const format = FORMATS[path.extname(file).toLowerCase()];
  if (!format) throw new StaffFileError(`${file}: unknown file type; use .yaml, .yml or .json`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new StaffFileError(`${file}: no such file`, { cause: error });
    if (code === 'EISDIR') throw new StaffFileError(`${file}: is a directory, not a file`, { cause: error });
    throw new StaffFileError(`${file}: cannot be read (${code ?? String(error)})`, { cause: error });
  }
  try {
    return parseStaffText(text, format);
  } catch (error) {
    if (!(error instanceof StaffTextError)) throw error;
    throw new StaffFileError(`${file}: ${error.message}`, { cause: error });
  }
}

/** The records of a staff file, or exit code 1 after one line saying why it cannot be read. */
export async function staffFileRecords(file: string): Promise<{ records: unknown } | number> {
  try {
    return { records: await readStaffFile(file) };
  } catch (error) {
    if (!(error instanceof StaffFileError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
}

/** Reads `file` and imports it; a DomainError (INPUT.INVALID, STAFF.NOT_FOUND, STAFF.INVALID) means nothing was written. */
export async function importStaffFile(file: string, staffDirectory: Pick<StaffDirectory, 'importMembers'>): Promise<ImportSummary> {
  return staffDirectory.importMembers(await readStaffFile(file));
}

/** What the operator sees when the directory refuses the file: the message and each offending field. */
export function describeImportError(error: DomainError): string {
  const lines = [`Import refused (${error.code}): ${error.message}`];
  const fields = error.details.fields;
  if (Array.isArray(fields)) {
    for (const field of fields as { path: string; message: string }[]) {
      const [index, ...rest] = field.path.split('.');
      const where = /^\d+$/.test(index ?? '') ? `record ${Number(index) + 1}${rest.length ? `, field ${rest.join('.')}` : ''}` : field.path || '(file)';
      lines.push(`  - ${where}: ${field.message}`);
    }
  }
  for (const [key, value] of Object.entries(error.details)) {
    if (key !== 'fields') lines.push(`  ${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  lines.push('Nothing was imported.');
  return lines.join('\n');
}

const USAGE = 'Usage: npm run staff:import -- [--institution <short-name>] <file.yaml|file.yml|file.json>\n';

async function main(args: string[]): Promise<number> {
  const parsed = cliArgs({ args, allowPositionals: true, options: { institution: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }, USAGE);
  if (typeof parsed === 'number') return parsed;
  const [file, ...extra] = parsed.positionals;
  const slug = parsed.values.institution;
  if (parsed.values.help || !file || extra.length > 0 || (slug !== undefined && !SLUG.test(slug))) {
    process.stderr.write(USAGE);
    return 2;
  }
  const config = cliConfig();
  if (typeof config === 'number') return config;
  // Read the file before starting a database, so a typo in the path fails fast.
  const read = await staffFileRecords(file);
  if (typeof read === 'number') return read;
  const { records } = read;
  const database = await cliDatabase(config);
  if (typeof database === 'number') return database;
  try {
    // Issue #17: the named institution; without one, the deployment's first (as before there were many).
    const institution = slug === undefined ? { id: FIRST_INSTITUTION } : await namedInstitution(database, slug);
    if (typeof institution === 'number') return institution;
    const staff = new StaffDirectory(new TypeormUnitOfWork(database.dataSource, []));
    const summary = await inInstitution(institution.id, () => staff.importMembers(records));
    process.stdout.write(`Imported: ${summary.created} created, ${summary.updated} updated\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    process.stderr.write(`${describeImportError(error)}\n`);
    return 1;
  } finally {
    await database.close();
  }
}

runWhenEntryPoint(import.meta.url, 'staff import', () => main(process.argv.slice(2)));
