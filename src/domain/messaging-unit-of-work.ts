import type { ClientMailRepository } from './client-message.js';
import type { TransactionScope } from './unit-of-work.js';

/** A transaction that also reaches the client's conversation. */
export interface MessagingScope extends TransactionScope {
  mail: ClientMailRepository;
}

export interface MessagingUnitOfWork {
  run<T>(work: (scope: MessagingScope) => Promise<T>): Promise<T>;
}
