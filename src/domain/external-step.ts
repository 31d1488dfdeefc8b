import { z } from 'zod';

/** R24.other-institution: a decision or document the inquiry waits for from another institution. */
export interface ExternalStep {
  id: string;
  inquiryId: string;
  institution: string;
  what: string;
  dueAt: Date;
  status: 'pending' | 'decided';
  decision: string | null;
  decidedAt: Date | null;
  createdById: string;
}

export const addExternalStepSchema = z.object({
  institution: z.string().trim().min(1).max(200),
  what: z.string().trim().min(1).max(2000),
  dueAt: z.coerce.date(),
});
export type AddExternalStepInput = z.input<typeof addExternalStepSchema>;

export const externalDecisionSchema = z.object({
  decision: z.string().trim().min(1).max(3000),
  /** The owner sees it contradict another institution's decision: a joint meeting is proposed. */
  conflictsWithOthers: z.boolean().default(false),
});
export type ExternalDecisionInput = z.input<typeof externalDecisionSchema>;

/** R24.other-institution: the pending step due at `dueAt` (what a deadline notice is about). */
export function pendingStepDue(steps: readonly ExternalStep[], dueAt: Date): ExternalStep | undefined {
  return steps.find((step) => step.status === 'pending' && step.dueAt.getTime() === dueAt.getTime());
}

/** Storage of external steps; every method runs inside the caller's transaction. */
export interface ExternalStepRepository {
  insert(step: ExternalStep): Promise<void>;
  update(step: ExternalStep): Promise<void>;
  getForUpdate(id: string): Promise<ExternalStep | null>;
  /** Oldest first. */
  listByInquiry(inquiryId: string): Promise<ExternalStep[]>;
}
