import type { DataSource } from 'typeorm';
import type { ErasureScope } from '../domain/erasure.service.js';
import type { EventConsumer } from '../domain/notifier.js';
import { TypeormRetentionRepository } from './retention.typeorm-repository.js';
import { TypeormSubjectAccessRepository } from './subject-access.typeorm-repository.js';
import { TypeormUnitOfWork } from './unit-of-work.typeorm.js';

/**
 * Issue #15, erasure on request: one transaction that finds the person as subject access does and scrubs as retention
 * does — both stores on the same transaction's manager. The consumers fan the `anonymised` event out (chat copies).
 */
export function erasureUnitOfWork(
  dataSource: DataSource,
  consumers: readonly Pick<EventConsumer, 'name' | 'accepts'>[],
  afterCommit?: () => void,
): TypeormUnitOfWork<ErasureScope> {
  return new TypeormUnitOfWork<ErasureScope>(dataSource, consumers, afterCommit, (manager, scope) => ({
    ...scope,
    retention: new TypeormRetentionRepository(manager),
    subjectAccess: new TypeormSubjectAccessRepository(manager),
  }));
}
