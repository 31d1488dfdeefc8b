import type { DataSource } from 'typeorm';
import type { MessagingScope, MessagingUnitOfWork } from '../domain/client-messaging.service.js';
import type { EventConsumer } from '../domain/notifier.js';
import { TypeormClientMailRepository } from './client-mail.typeorm-repository.js';
import { TypeormEscalationRepository } from './escalation.typeorm-repository.js';
import { TypeormInquiryRepository } from './inquiry.typeorm-repository.js';
import { OutboxWriter } from './outbox.js';
import { TypeormStaffRepository } from './staff.typeorm-repository.js';

/** The core's unit of work plus the client's e-mail conversation, in one PostgreSQL transaction. */
export class TypeormMessagingUnitOfWork implements MessagingUnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consumers: readonly Pick<EventConsumer, 'name' | 'accepts'>[],
    private readonly afterCommit: () => void = () => undefined,
  ) {}

  async run<T>(work: (scope: MessagingScope) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction((manager) =>
      work({
        inquiries: new TypeormInquiryRepository(manager),
        staff: new TypeormStaffRepository(manager),
        escalations: new TypeormEscalationRepository(manager),
        events: new OutboxWriter(manager, this.consumers),
        mail: new TypeormClientMailRepository(manager),
      }),
    );
    this.afterCommit();
    return result;
  }
}
