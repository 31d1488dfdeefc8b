import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { connectDatabase, type ConnectedDatabase } from '../app.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { DatabaseUnreachableError } from '../persistence/connection-errors.js';
import { EmbeddedServerError } from '../persistence/embedded-database.js';
import { findInstitution } from '../persistence/institutions.js';
import type { InstitutionId } from '../domain/institution.js';

/** The command line read by `config`, or exit code 2 after saying what is wrong with it and how it is used. */
export function cliArgs<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> | number {
  try {
    return parseArgs(config);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}`);
    return 2;
  }
}

/** The configuration, or exit code 2 after one line saying what is wrong with it. */
export function cliConfig(env: NodeJS.ProcessEnv = process.env): Config | number {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
}

/**
 * The database `npm start` uses (with `npm start` running on the embedded one, its server rather than a refusal), or
 * exit code 1 after one line saying why it cannot be reached.
 */
/** The institution `slug` names, or exit code 1 after one line saying there is none. */
export async function namedInstitution(database: ConnectedDatabase, slug: string): Promise<{ id: InstitutionId; name: string } | number> {
  const row = await findInstitution(database.dataSource, slug);
  if (row) return row;
  process.stderr.write(`No institution "${slug}": add it with npm run institution:add.\n`);
  return 1;
}

export async function cliDatabase(config: Config): Promise<ConnectedDatabase | number> {
  try {
    return await connectDatabase(config, { share: true, poolSize: 2 });
  } catch (error) {
    if (!(error instanceof EmbeddedServerError || error instanceof DatabaseUnreachableError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
}

/** Runs `main` when the module is the process's entry point, exiting with its code; a crash prints `<name> failed`. */
export function runWhenEntryPoint(moduleUrl: string, name: string, main: () => Promise<number>): void {
  const entryPoint = process.argv[1];
  if (!entryPoint || moduleUrl !== pathToFileURL(path.resolve(entryPoint)).href) return;
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
