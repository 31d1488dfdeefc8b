import type { EntityManager } from 'typeorm';

/** The counters numbered per year: registry numbers (R15.register) and outgoing letter numbers (R55.same-channel). */
export type YearCounter = 'registry_counters' | 'letter_counters';

/**
 * The next number of `year` in `counter`. The counter row stays locked until the transaction commits, so concurrent
 * callers queue for distinct numbers and a rolled-back one leaves no gap.
 */
export async function nextInYear(db: Pick<EntityManager, 'query'>, counter: YearCounter, year: number): Promise<number> {
  const [row] = await db.query(
    `INSERT INTO ${counter} (year, last_number) VALUES ($1, 1)
     ON CONFLICT (institution_id, year) DO UPDATE SET last_number = ${counter}.last_number + 1
     RETURNING last_number`,
    [year],
  );
  return Number(row.last_number);
}
