import type { AttachmentFile, AttachmentRepository, AttachmentSummary } from './attachment.js';
import { mayActOn } from './inquiry.js';
import type { TransactionScope } from './unit-of-work.js';

/** The core scope plus the inquiries' attachments. */
export interface AttachmentScope extends TransactionScope {
  attachments: AttachmentRepository;
}

export interface AttachmentUnitOfWork {
  run<T>(work: (scope: AttachmentScope) => Promise<T>): Promise<T>;
}

/** An attachment opened, or why not: `not_found` (no such file, or its content was not kept), `forbidden`. */
export type AttachmentOpening = { ok: true; file: AttachmentFile; inquiryId: string; registryNumber: string } | { ok: false; reason: 'not_found' | 'forbidden' };

/**
 * Issue #15, R4.owner: the files a client e-mailed are for those who may act on the inquiry — its owner and
 * supervisors (`mayActOn`) — asked again at every opening, since a link outlives a handover.
 */
export class AttachmentAccess {
  constructor(private readonly unitOfWork: AttachmentUnitOfWork) {}

  /** The inquiry's attachments (names and sizes) for `viewerId`; empty for anyone who may not act on it. */
  listFor(inquiryId: string, viewerId: string): Promise<AttachmentSummary[]> {
    return this.unitOfWork.run(async (scope) => {
      const inquiry = await scope.inquiries.findById(inquiryId);
      const viewer = await scope.staff.findById(viewerId);
      if (!inquiry || !viewer?.active || !mayActOn(inquiry, viewer)) return [];
      return scope.attachments.listByInquiry(inquiryId);
    });
  }

  /** The attachment's content for `viewerId`, if they are active staff who may act on its inquiry now. */
  open(attachmentId: string, viewerId: string): Promise<AttachmentOpening> {
    return this.unitOfWork.run(async (scope) => {
      const viewer = await scope.staff.findById(viewerId);
      if (!viewer?.active) return { ok: false, reason: 'forbidden' };
      const found = await scope.attachments.findWithContent(attachmentId);
      if (!found) return { ok: false, reason: 'not_found' };
      const inquiry = await scope.inquiries.findById(found.inquiryId);
      if (!inquiry || !mayActOn(inquiry, viewer)) return { ok: false, reason: 'forbidden' };
      if (!found.content) return { ok: false, reason: 'not_found' };
      return { ok: true, file: { ...found, content: found.content }, inquiryId: inquiry.id, registryNumber: inquiry.registryNumber };
    });
  }
}
