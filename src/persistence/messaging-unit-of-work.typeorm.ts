import type { DataSource } from 'typeorm';
import type { MessagingScope } from '../domain/messaging-unit-of-work.js';
import type { EventConsumer } from '../domain/notifier.js';
import { TypeormClientMailRepository } from './client-mail.typeorm-repository.js';
import { TypeormUnitOfWork } from './unit-of-work.typeorm.js';

/** The core's unit of work plus the client's e-mail conversation, in one PostgreSQL transaction. */
export function messagingUnitOfWork(
  dataSource: DataSource,
  consumers: readonly Pick<EventConsumer, 'name' | 'accepts'>[],
  afterCommit?: () => void,
): TypeormUnitOfWork<MessagingScope> {
  return new TypeormUnitOfWork<MessagingScope>(dataSource, consumers, afterCommit, (manager, scope) => ({
    ...scope,
    mail: new TypeormClientMailRepository(manager),
  }));
}
