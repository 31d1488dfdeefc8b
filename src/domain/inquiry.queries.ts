import { InquiryNotFoundError, DomainError } from './errors.js';
import type { Inquiry } from './inquiry.js';
import type { InquiryQuery } from './inquiry.repository.js';
import type { StaffMember } from './staff.js';
import type { EscalationSnapshot, InquirySnapshot } from './snapshots.js';
import type { TransactionScope, UnitOfWork } from './unit-of-work.js';

// The snapshot types live in snapshots.ts (the platform folders may read them, not this class); named here too
// for the notice policy's imports until they move.
export type { EscalationSnapshot, InquirySnapshot } from './snapshots.js';

const REGISTRY_NUMBER = /^\d{4}-\d{6}$/;

/** Read side for the chat front ends: views, lists and lookups; never changes anything. */
export class InquiryQueries {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** By id or by registry number (`2026-000123`). */
  get(reference: string): Promise<InquirySnapshot> {
    return this.unitOfWork.run(async (scope) => {
      const inquiry = await findInquiry(scope, reference.trim());
      if (!inquiry) throw new InquiryNotFoundError(reference);
      return {
        inquiry,
        owner: inquiry.ownerId ? await scope.staff.findById(inquiry.ownerId) : null,
        timeline: await scope.inquiries.timeline(inquiry.id),
        escalations: await scope.escalations.listByInquiry(inquiry.id),
        meetings: await scope.meetings.listByInquiry(inquiry.id),
        externalSteps: await scope.externalSteps.listByInquiry(inquiry.id),
        letters: await scope.letters.listByInquiry(inquiry.id),
      };
    });
  }

  list(query: InquiryQuery): Promise<Array<{ inquiry: Inquiry; owner: StaffMember | null }>> {
    return this.unitOfWork.run(async (scope) => {
      const inquiries = await scope.inquiries.list(query);
      const owners = new Map<string, StaffMember | null>();
      for (const id of new Set(inquiries.flatMap((inquiry) => (inquiry.ownerId ? [inquiry.ownerId] : [])))) {
        owners.set(id, await scope.staff.findById(id));
      }
      return inquiries.map((inquiry) => ({ inquiry, owner: inquiry.ownerId ? (owners.get(inquiry.ownerId) ?? null) : null }));
    });
  }

  escalation(escalationId: string): Promise<EscalationSnapshot> {
    return this.unitOfWork.run(async (scope) => {
      const escalation = await scope.escalations.findById(escalationId);
      if (!escalation) throw new DomainError('ESCALATION.NOT_FOUND', `Escalation ${escalationId} was not found`, { escalationId });
      const inquiry = (await scope.inquiries.findById(escalation.inquiryId))!;
      return {
        escalation,
        inquiry,
        raisedBy: (await scope.staff.findById(escalation.raisedById))!,
        manager: escalation.managerId ? await scope.staff.findById(escalation.managerId) : null,
      };
    });
  }

  staffMember(id: string): Promise<StaffMember | null> {
    return this.unitOfWork.run((scope) => scope.staff.findById(id));
  }

  /** Active staff (with `role`, when given): pickers for chairs and recorders (R45.meetings). */
  staffWithRole(role: StaffMember['roles'][number] | null): Promise<StaffMember[]> {
    return this.unitOfWork.run((scope) => scope.staff.listByRole(role));
  }
}

function findInquiry(scope: TransactionScope, reference: string): Promise<Inquiry | null> {
  return REGISTRY_NUMBER.test(reference) ? scope.inquiries.findByRegistryNumber(reference) : scope.inquiries.findById(reference);
}
