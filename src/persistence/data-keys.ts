import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseDataKeys, type Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { DataKey } from './encryption.js';

/** The file a key made on this machine is kept in: beside the embedded database's folder, in DATA_DIR. */
export function keyFileOf(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'data-keys');
}

/**
 * The keys attachments and letters are sealed with: DATA_KEYS, or else the key file in DATA_DIR, made once (with a
 * loud warning) so `npm start` works on a fresh machine with no settings. The config already refuses production
 * with DATABASE_URL and no DATA_KEYS; the key file is for the embedded database and for development.
 */
export async function resolveDataKeys(config: Pick<Config, 'DATA_KEYS' | 'DATA_DIR' | 'DATABASE_URL' | 'NODE_ENV'>, logger: Pick<Logger, 'warn'>): Promise<DataKey[]> {
  if (config.DATA_KEYS) return config.DATA_KEYS;
  if (config.NODE_ENV === 'production' && config.DATABASE_URL) {
    throw new Error('DATA_KEYS is required in production with DATABASE_URL (see docs/data-protection.md)');
  }
  const file = keyFileOf(config.DATA_DIR);
  const existing = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new Error(`The data key file ${file} cannot be read (${error.code}): fix its permissions, or set DATA_KEYS`);
  });
  if (existing !== null) {
    try {
      return parseDataKeys(existing);
    } catch (error) {
      throw new Error(`The data key file ${file} ${(error as Error).message}: restore it from a backup, or set DATA_KEYS`);
    }
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  const made = `k1:${randomBytes(32).toString('base64')}\n`;
  try {
    // `wx`: a second process starting at the same moment keeps the first one's key rather than overwriting it.
    await fs.writeFile(file, made, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new Error(`The data key file ${file} cannot be written (${(error as NodeJS.ErrnoException).code}): set DATA_DIR to a folder this user can write to, or set DATA_KEYS`);
    }
    return parseDataKeys(await fs.readFile(file, 'utf8'));
  }
  logger.warn(
    { file },
    `DATA_KEYS is not set: made a data key in ${file}; attachments and letters are encrypted with it. BACK IT UP with the database — without it they cannot be read — or move it to DATA_KEYS (docs/data-protection.md)`,
  );
  return parseDataKeys(made);
}
