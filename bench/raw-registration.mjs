// The floor for `registrations/s` (issue #16): plain pg transactions with the same writes as one registration,
// on the same server in the same run, so the bench can print how close the app comes to the database's own rate.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const SCHEMA = 'bench_raw';

/**
 * Copies of the tables one registration writes, in their own schema (same columns, indexes, constraints and the
 * timeline's foreign key), so the raw writes neither show up in the app nor wake its outbox.
 */
async function createRawTables(db) {
  await db.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await db.query(`CREATE SCHEMA ${SCHEMA}`);
  for (const table of ['registry_counters', 'inquiries', 'inquiry_timeline', 'outbox']) {
    await db.query(`CREATE TABLE ${SCHEMA}.${table} (LIKE public.${table} INCLUDING ALL)`);
  }
  await db.query(`ALTER TABLE ${SCHEMA}.inquiry_timeline ADD FOREIGN KEY (inquiry_id) REFERENCES ${SCHEMA}.inquiries (id)`);
}

/** What one registration `inquiryId` wrote: its inquiry row, timeline rows and outbox rows, as templates. */
async function writesOf(db, inquiryId) {
  const [inquiry] = (await db.query('SELECT * FROM inquiries WHERE id = $1', [inquiryId])).rows;
  const timeline = (await db.query('SELECT at, actor_id, action, details FROM inquiry_timeline WHERE inquiry_id = $1 ORDER BY id', [inquiryId])).rows;
  const outbox = (await db.query('SELECT consumer, event_type, payload FROM outbox WHERE inquiry_id = $1 ORDER BY id', [inquiryId])).rows;
  return { inquiry, timeline, outbox };
}

/**
 * One registration by hand: BEGIN with the institution of the transaction (issue #17, one round trip as the app sends
 * it), the duplicate check, the registry counter, the inquiry, its timeline rows (one statement), its outbox rows (one
 * statement), COMMIT — seven round trips, what a hand-written registration does.
 * Without `counter` the number is made up instead of counted (the issue's own raw measure): no transaction waits for
 * another's commit, so their disk flushes can be shared — the rate PostgreSQL reaches when numbers may have gaps.
 */
function registrationTransaction(template, { counter }) {
  const columns = Object.keys(template.inquiry);
  const insertInquiry = `INSERT INTO inquiries (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`;
  const { timeline, outbox } = template;
  return async (client, i, runId) => {
    const id = randomUUID();
    const externalId = `<raw-${runId}-${i}@tevai.lt>`;
    await client.query(`BEGIN; SELECT set_config('langelis.institution', '1', true)`);
    try {
      await client.query('SELECT id FROM inquiries WHERE channel = $1 AND external_id = $2', ['email', externalId]);
      const registryNumber = counter ? `2026-${String(await nextNumber(client)).padStart(6, '0')}` : `raw-${id}`;
      const row = { ...template.inquiry, id, registry_number: registryNumber, external_id: externalId };
      await client.query(insertInquiry, columns.map((column) => row[column]));
      await client.query(
        `INSERT INTO inquiry_timeline (inquiry_id, at, actor_id, action, details)
         SELECT $1, * FROM unnest($2::timestamptz[], $3::uuid[], $4::text[], $5::jsonb[])`,
        [id, timeline.map((t) => t.at), timeline.map((t) => t.actor_id), timeline.map((t) => t.action), timeline.map((t) => JSON.stringify(t.details))],
      );
      await client.query(
        `INSERT INTO outbox (consumer, inquiry_id, event_type, payload)
         SELECT consumer, $1, event_type, payload FROM unnest($2::text[], $3::text[], $4::jsonb[]) AS o(consumer, event_type, payload)`,
        [id, outbox.map((o) => o.consumer), outbox.map((o) => o.event_type), outbox.map((o) => JSON.stringify({ ...o.payload, inquiryId: id, registryNumber }))],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  };
}

async function nextNumber(client) {
  const { rows } = await client.query(
    `INSERT INTO registry_counters (year, last_number) VALUES (2026, 1)
     ON CONFLICT (institution_id, year) DO UPDATE SET last_number = registry_counters.last_number + 1 RETURNING last_number`,
  );
  return rows[0].last_number;
}

/**
 * Runs `n` raw registrations, `concurrency` clients at a time, modelled on the app's registration `inquiryId`.
 * Returns the rate and what one transaction wrote.
 */
export async function rawRegistrationRate(url, inquiryId, { n, concurrency, runId, counter = true }) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  let template;
  try {
    template = await writesOf(admin, inquiryId);
    await createRawTables(admin);
  } finally {
    await admin.end();
  }
  const pool = new pg.Pool({ connectionString: url, max: concurrency, options: `-c search_path=${SCHEMA}` });
  try {
    const register = registrationTransaction(template, { counter });
    const clients = await Promise.all(Array.from({ length: concurrency }, () => pool.connect()));
    let next = 0;
    const started = performance.now();
    await Promise.all(
      clients.map(async (client) => {
        while (next < n) await register(client, next++, runId);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    for (const client of clients) client.release();
    const [{ count }] = (await pool.query('SELECT count(*)::int AS count FROM inquiries')).rows;
    if (count !== n) throw new Error(`raw registrations: ${count} rows, expected ${n}`);
    return { perSecond: n / seconds, seconds, timelineRows: template.timeline.length, outboxRows: template.outbox.length };
  } finally {
    await pool.query(`DROP SCHEMA ${SCHEMA} CASCADE`).catch(() => undefined);
    await pool.end();
  }
}
