import type { DataSource } from 'typeorm';
import { sealContext, type DataCipher } from './encryption.js';

/** A column sealed at rest, with the plaintext column rows written before the encryption kept their value in. */
interface SealedColumn {
  table: string;
  /** The legacy plaintext column (emptied once sealed); null for a column sealed from its first row. */
  plain: string | null;
  sealed: string;
  /** The column's own name in the authenticated context (`sealContext`). */
  field: string;
  text: boolean;
}

/** Every sealed column; names are fixed here, never input. */
export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: 'mail_attachments', plain: 'content', sealed: 'sealed_content', field: 'content', text: false },
  { table: 'letters', plain: 'body', sealed: 'sealed_body', field: 'body', text: true },
  // Issue #17: a Slack workspace's bot token.
  { table: 'chat_installations', plain: null, sealed: 'secret', field: 'secret', text: true },
  // Issue #17: an institution's mailbox servers, with their logins' passwords.
  { table: 'institution_mailboxes', plain: null, sealed: 'imap_url', field: 'imap_url', text: true },
  { table: 'institution_mailboxes', plain: null, sealed: 'smtp_url', field: 'smtp_url', text: true },
];

const BATCH = 100;

/**
 * Seals the rows written before encryption at rest (migration 1763900000015), in batches; run at every start and a
 * no-op once done. Returns how many rows it sealed per table.
 */
export async function sealPlaintextRows(dataSource: DataSource, cipher: DataCipher): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const column of SEALED_COLUMNS) {
    if (!column.plain) continue;
    counts[column.table] = await inBatches(dataSource, `SELECT id, ${column.plain} AS value FROM ${column.table} WHERE ${column.plain} IS NOT NULL LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`, () => [], (row) => {
      const plain = column.text ? Buffer.from(row.value as string, 'utf8') : (row.value as Buffer);
      return {
        sql: `UPDATE ${column.table} SET ${column.sealed} = $2, ${column.plain} = NULL WHERE id = $1`,
        params: [row.id, cipher.seal(plain, sealContext(column.table, column.field, row.id))],
      };
    });
  }
  return counts;
}

/** What `rekeySealedRows` did: values moved to the first key per table, and rows no listed key opens. */
export interface RekeyReport {
  moved: Record<string, number>;
  unreadable: Array<{ table: string; id: string; reason: string }>;
}

/**
 * `npm run data:rekey`: seals again with the first key of DATA_KEYS every value another key sealed, so an old key
 * can leave DATA_KEYS afterwards. Idempotent. A value no listed key opens (its key missing, or altered) is left as
 * it is and reported: the old key must then stay until it is dealt with.
 */
export async function rekeySealedRows(dataSource: DataSource, cipher: DataCipher): Promise<RekeyReport> {
  const report: RekeyReport = { moved: {}, unreadable: [] };
  const prefix = cipher.currentPrefix();
  for (const column of SEALED_COLUMNS) {
    const skipped: string[] = [];
    const moved = await inBatches(
      dataSource,
      `SELECT id, ${column.sealed} AS value FROM ${column.table}
        WHERE ${column.sealed} IS NOT NULL AND substring(${column.sealed} FROM 1 FOR ${prefix.length}) <> $1 AND NOT (id = ANY($2::uuid[]))
        LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      () => [prefix, skipped],
      (row) => {
        const context = sealContext(column.table, column.field, row.id);
        try {
          const plain = cipher.open(row.value as Buffer, context);
          return { sql: `UPDATE ${column.table} SET ${column.sealed} = $2 WHERE id = $1`, params: [row.id, cipher.seal(plain, context)] };
        } catch (error) {
          skipped.push(row.id);
          report.unreadable.push({ table: column.table, id: row.id, reason: (error as Error).message });
          return null;
        }
      },
    );
    // A table may have more than one sealed column: its count is theirs together.
    report.moved[column.table] = (report.moved[column.table] ?? 0) + moved;
  }
  return report;
}

async function inBatches(
  dataSource: DataSource,
  select: string,
  params: () => unknown[],
  change: (row: { id: string; value: unknown }) => { sql: string; params: unknown[] } | null,
): Promise<number> {
  let total = 0;
  for (;;) {
    const [seen, changed] = await dataSource.transaction(async (manager) => {
      const rows: Array<{ id: string; value: unknown }> = await manager.query(select, params());
      let count = 0;
      for (const row of rows) {
        const update = change(row);
        if (!update) continue;
        await manager.query(update.sql, update.params);
        count += 1;
      }
      return [rows.length, count];
    });
    total += changed;
    if (seen < BATCH) return total;
  }
}
