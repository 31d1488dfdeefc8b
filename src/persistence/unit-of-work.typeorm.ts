import type { DataSource } from 'typeorm';
import type { EventConsumer } from '../domain/notifier.js';
import type { TransactionScope, UnitOfWork } from '../domain/unit-of-work.js';
import { TypeormEscalationRepository } from './escalation.typeorm-repository.js';
import { TypeormInquiryRepository } from './inquiry.typeorm-repository.js';
import { OutboxWriter } from './outbox.js';
import { TypeormStaffRepository } from './staff.typeorm-repository.js';

/** One PostgreSQL transaction per unit of work; `afterCommit` lets the outbox dispatcher start at once. */
export class TypeormUnitOfWork implements UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consumers: readonly Pick<EventConsumer, 'name' | 'accepts'>[],
    private readonly afterCommit: () => void = () => undefined,
  ) {}

  async run<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction((manager) =>
      work({
        inquiries: new TypeormInquiryRepository(manager),
        staff: new TypeormStaffRepository(manager),
        escalations: new TypeormEscalationRepository(manager),
        events: new OutboxWriter(manager, this.consumers),
      }),
    );
    this.afterCommit();
    return result;
  }
}
