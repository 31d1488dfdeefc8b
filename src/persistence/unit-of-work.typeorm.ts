import type { DataSource, EntityManager } from 'typeorm';
import type { EventConsumer } from '../domain/notifier.js';
import { auditingEvents } from '../domain/audit.js';
import type { TransactionScope } from '../domain/unit-of-work.js';
import { TypeormAuditLog } from './audit-log.typeorm.js';
import { TypeormAbsenceRepository } from './staff-absences.typeorm.js';
import { TypeormEscalationRepository } from './escalation.typeorm-repository.js';
import { TypeormInquiryRepository } from './inquiry.typeorm-repository.js';
import { OutboxWriter } from './outbox.js';
import { TypeormExternalStepRepository, TypeormLetterRepository, TypeormMeetingRepository } from './procedure.typeorm-repositories.js';
import { TypeormStaffRepository } from './staff.typeorm-repository.js';

/**
 * One PostgreSQL transaction per unit of work; `afterCommit` lets the outbox dispatcher start at once.
 * `extend` adds a feature's own repositories to the core scope (e-mail adds its conversation store).
 */
export class TypeormUnitOfWork<S extends TransactionScope = TransactionScope> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consumers: readonly Pick<EventConsumer, 'name' | 'accepts'>[],
    private readonly afterCommit: () => void = () => undefined,
    private readonly extend: (manager: EntityManager, scope: TransactionScope) => S = (_manager, scope) => scope as S,
  ) {}

  async run<T>(work: (scope: S) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction((manager) => {
      const audit = new TypeormAuditLog(manager);
      return work(
        this.extend(manager, {
          inquiries: new TypeormInquiryRepository(manager),
          staff: new TypeormStaffRepository(manager),
          escalations: new TypeormEscalationRepository(manager),
          meetings: new TypeormMeetingRepository(manager),
          externalSteps: new TypeormExternalStepRepository(manager),
          letters: new TypeormLetterRepository(manager),
          absences: new TypeormAbsenceRepository(manager),
          audit,
          // R12.records: an audited event's entry commits with the change, beside its timeline line and outbox rows.
          events: auditingEvents(new OutboxWriter(manager, this.consumers), audit),
        }),
      );
    });
    this.afterCommit();
    return result;
  }
}
