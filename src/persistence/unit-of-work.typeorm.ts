import type { DataSource, EntityManager } from 'typeorm';
import type { EventConsumer } from '../domain/notifier.js';
import { auditingEvents } from '../domain/audit.js';
import { requireInstitution, type InstitutionId } from '../domain/institution.js';
import type { TransactionScope } from '../domain/unit-of-work.js';
import { TypeormAuditLog } from './audit-log.typeorm.js';
import { institutionOfWorkOn } from './tenant-scope.js';
import { TypeormAbsenceRepository } from './staff-absences.typeorm.js';
import { TypeormEscalationRepository } from './escalation.typeorm-repository.js';
import { TypeormInquiryRepository } from './inquiry.typeorm-repository.js';
import { OutboxWriter } from './outbox.js';
import { RegistrationBatches } from './registration-batches.js';
import { RegistrationWrites, writeRegistrations, type Registration } from './registration-writes.js';
import { TypeormExternalStepRepository, TypeormLetterRepository, TypeormMeetingRepository } from './procedure.typeorm-repositories.js';
import { TypeormStaffRepository } from './staff.typeorm-repository.js';

/**
 * One PostgreSQL transaction per unit of work; `afterCommit` lets the outbox dispatcher start at once.
 * `extend` adds a feature's own repositories to the core scope (e-mail adds its conversation store).
 * A registration's writes go last, right before the commit (R15.register, `RegistrationWrites`).
 */
export class TypeormUnitOfWork<S extends TransactionScope = TransactionScope> {
  /** Per institution (issue #17): a batch is one institution's transaction, on its own year's counter. */
  private readonly registrationBatches = new Map<InstitutionId, RegistrationBatches>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly consumers: readonly Pick<EventConsumer, 'name' | 'accepts'>[],
    private readonly afterCommit: () => void = () => undefined,
    private readonly extend: (manager: EntityManager, scope: TransactionScope) => S = (_manager, scope) => scope as S,
  ) {}

  async run<T>(work: (scope: S) => Promise<T>): Promise<T> {
    const batches = this.batchesOf(institutionOfWorkOn(this.dataSource) ?? requireInstitution());
    const registrations = new RegistrationWrites(() => batches.underWay());
    let handedOver: Registration | null = null;
    try {
      const result = await this.dataSource.transaction(async (manager) => {
        const audit = new TypeormAuditLog(manager);
        const outcome = await work(
          this.extend(manager, {
            inquiries: new TypeormInquiryRepository(manager, registrations),
            staff: new TypeormStaffRepository(manager),
            escalations: new TypeormEscalationRepository(manager),
            meetings: new TypeormMeetingRepository(manager),
            externalSteps: new TypeormExternalStepRepository(manager),
            letters: new TypeormLetterRepository(manager),
            absences: new TypeormAbsenceRepository(manager),
            audit,
            // R12.records: an audited event's entry commits with the change, beside its timeline line and outbox rows.
            events: auditingEvents(new OutboxWriter(manager, this.consumers, registrations), audit),
          }),
        );
        const registration = registrations.take();
        if (!registration) return outcome;
        // R15.register: among others under way, a registration that is all its work wrote joins the next batch;
        // otherwise it is written here, last (all writes of a unit of work commit together or not at all).
        if (batches.crowded && (await wroteNothing(manager))) handedOver = registration;
        else await writeRegistrations(manager, [registration]);
        return outcome;
      });
      if (handedOver) await batches.write(handedOver);
      this.afterCommit();
      return result;
    } finally {
      registrations.settled();
    }
  }

  private batchesOf(institution: InstitutionId): RegistrationBatches {
    let batches = this.registrationBatches.get(institution);
    if (!batches) {
      batches = new RegistrationBatches(this.dataSource);
      this.registrationBatches.set(institution, batches);
    }
    return batches;
  }
}

/** True while the transaction has changed nothing (PostgreSQL assigns a transaction id at its first write or lock). */
async function wroteNothing(manager: EntityManager): Promise<boolean> {
  const [{ clean }]: Array<{ clean: boolean }> = await manager.query('SELECT pg_current_xact_id_if_assigned() IS NULL AS clean');
  return clean;
}
