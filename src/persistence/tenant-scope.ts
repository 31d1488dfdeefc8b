import type { DataSource, QueryRunner } from 'typeorm';
import { currentInstitution, type InstitutionId } from '../domain/institution.js';

/**
 * Issue #17: every transaction on `dataSource` belongs to the institution of the work that opened it. Sent with its
 * START TRANSACTION is `set_config('langelis.institution', id, true)`: local to the transaction, so a
 * pooled connection never carries one institution into another's work. A statement run outside a transaction with
 * an institution at hand gets a transaction of its own, so it too is seen by row-level security as that
 * institution's. A source opened for one institution (`standing`: the running app's own handle, for the command line
 * and tests) uses it where the work names none. Work outside any institution sets nothing and sees no institution's rows (the policies compare
 * against NULL); the queue functions of migration 1763900000021 are its only way across.
 */
export function scopeToInstitutions(dataSource: DataSource, standing?: InstitutionId): void {
  const driver = dataSource.driver;
  const create = driver.createQueryRunner.bind(driver);
  if (standing !== undefined) standingInstitutions.set(dataSource, standing);
  const institutionOf = () => currentInstitution() ?? standing;
  driver.createQueryRunner = (mode) => scoped(create(mode), institutionOf);
}

const standingInstitutions = new WeakMap<DataSource, InstitutionId>();

/** The institution of work on `dataSource`: the work's own, else the source's standing one, else none. */
export function institutionOfWorkOn(dataSource: DataSource): InstitutionId | undefined {
  return currentInstitution() ?? standingInstitutions.get(dataSource);
}

function scoped(runner: QueryRunner, currentInstitution: () => InstitutionId | undefined): QueryRunner {
  const query = runner.query.bind(runner) as (sql: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;
  const startTransaction = runner.startTransaction.bind(runner);
  const depth = () => (runner as unknown as { transactionDepth: number }).transactionDepth;
  let isolated = false;
  runner.startTransaction = async (isolationLevel) => {
    // An isolation level must be set before any query of the transaction: the setting then follows it.
    isolated = isolationLevel !== undefined;
    await startTransaction(isolationLevel);
    const institution = currentInstitution();
    if (isolated && depth() === 1 && institution !== undefined) await query(`SELECT set_config('langelis.institution', $1, true)`, [String(institution)]);
  };
  runner.query = (async (sql: string, parameters?: unknown[], structured?: boolean) => {
    if (runner.isTransactionActive) {
      const institution = currentInstitution();
      // The setting rides with START TRANSACTION in one simple-protocol round trip (the id is an integer, checked by
      // inInstitution), so naming the institution costs no extra round trip per transaction.
      if (sql === 'START TRANSACTION' && !isolated && depth() === 0 && institution !== undefined) {
        return query(`START TRANSACTION; SELECT set_config('langelis.institution', '${Math.trunc(institution)}', true)`, undefined, structured);
      }
      return query(sql, parameters, structured);
    }
    if (currentInstitution() === undefined) return query(sql, parameters, structured);
    await runner.startTransaction();
    try {
      const result = await query(sql, parameters, structured);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    }
  }) as QueryRunner['query'];
  return runner;
}
