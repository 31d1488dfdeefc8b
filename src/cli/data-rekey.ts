import { cipherOf } from '../persistence/encryption.js';
import { rekeySealedRows } from '../persistence/sealed-columns.js';
import { cliConfig, cliDatabase, runWhenEntryPoint } from './cli-support.js';

/**
 * `npm run data:rekey`: after a new key was put first in DATA_KEYS (the old ones kept after it), seals every
 * attachment and letter again with the new key, so the old keys can then be removed (docs/data-protection.md).
 * Safe to run while the service runs, and again. Prints counts and row ids only, never content or keys.
 */
export async function main(): Promise<number> {
  const config = cliConfig();
  if (typeof config === 'number') return config;
  // Opening the database also seals any row still in plaintext (connectDatabase).
  const database = await cliDatabase(config);
  if (typeof database === 'number') return database;
  try {
    const cipher = cipherOf(database.dataSource.manager);
    // Every institution's rows: as the owner, on a connection of its own (issue #17).
    const { moved, unreadable } = await database.asOwner((owner) => rekeySealedRows(owner, cipher));
    const counts = Object.entries(moved).map(([table, count]) => `${table} ${count}`).join(', ');
    process.stdout.write(`Sealed again with key ${cipher.currentKeyId}: ${counts}\n`);
    if (unreadable.length === 0) {
      process.stdout.write('Every value now uses that key: the other keys can be removed from DATA_KEYS.\n');
      return 0;
    }
    for (const row of unreadable) process.stderr.write(`${row.table} ${row.id}: ${row.reason}\n`);
    process.stderr.write(`${unreadable.length} value(s) could not be opened with DATA_KEYS: keep the old keys until they are restored or removed.\n`);
    return 1;
  } finally {
    await database.close();
  }
}

runWhenEntryPoint(import.meta.url, 'data rekey', main);
