import { z } from 'zod';

/** R54.escalate-unresolved (conflict) and R58.incident (inadequate behaviour or a suspected offence). */
export const ESCALATION_TYPES = ['conflict', 'incident'] as const;
export type EscalationType = (typeof ESCALATION_TYPES)[number];

export const ESCALATION_STATUSES = ['pending', 'acknowledged', 'taken_over', 'referred_to_head', 'decided'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

/** An escalation to the owner's direct manager; never dropped: it stays pending until someone acts on it. */
export interface Escalation {
  id: string;
  inquiryId: string;
  type: EscalationType;
  raisedById: string;
  /** The raiser's direct manager at the time; null when none is configured. */
  managerId: string | null;
  whatHappened: string;
  clientToldWhat: string;
  /** R54: when the client was promised a follow-up (conflicts). */
  followUpAt: Date | null;
  status: EscalationStatus;
  raisedAt: Date;
  /** R58: the head's decision whether to report to the competent authorities. */
  reportedToAuthorities: boolean | null;
  decisionNote: string | null;
}

export const raiseEscalationSchema = z
  .object({
    type: z.enum(ESCALATION_TYPES),
    whatHappened: z.string().trim().min(1).max(3000),
    clientToldWhat: z.string().trim().max(2000).default(''),
    followUpAt: z.coerce.date().nullable().default(null),
  })
  .superRefine((input, context) => {
    if (input.type === 'conflict' && input.followUpAt === null) {
      context.addIssue({ code: 'custom', path: ['followUpAt'], message: 'required' });
    }
    if (input.type === 'conflict' && input.clientToldWhat === '') {
      context.addIssue({ code: 'custom', path: ['clientToldWhat'], message: 'required' });
    }
  });
export type RaiseEscalationInput = z.input<typeof raiseEscalationSchema>;

export const headDecisionSchema = z.object({
  reportToAuthorities: z.boolean(),
  note: z.string().trim().max(2000).default(''),
});
export type HeadDecisionInput = z.input<typeof headDecisionSchema>;

/** Storage of escalations; every method runs inside the caller's transaction. */
export interface EscalationRepository {
  insert(escalation: Escalation): Promise<void>;
  update(escalation: Escalation): Promise<void>;
  /** Loads and locks the escalation until the transaction ends. */
  getForUpdate(id: string): Promise<Escalation | null>;
  findById(id: string): Promise<Escalation | null>;
  listByInquiry(inquiryId: string): Promise<Escalation[]>;
}
