import type { Escalation } from './escalation.js';
import type { ExternalStep } from './external-step.js';
import type { Inquiry } from './inquiry.js';
import type { TimelineEntry } from './inquiry.repository.js';
import type { Letter } from './letter.js';
import type { Meeting } from './meeting.js';
import type { StaffMember } from './staff.js';

/** An inquiry with what a chat view shows about it. */
export interface InquirySnapshot {
  inquiry: Inquiry;
  owner: StaffMember | null;
  timeline: TimelineEntry[];
  escalations: Escalation[];
  meetings: Meeting[];
  externalSteps: ExternalStep[];
  letters: Letter[];
}

/** An escalation with its inquiry and the people it names. */
export interface EscalationSnapshot {
  escalation: Escalation;
  inquiry: Inquiry;
  raisedBy: StaffMember;
  manager: StaffMember | null;
}
