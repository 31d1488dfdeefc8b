import { z } from 'zod';
import type { Escalation } from '../../../domain/escalation.js';
import type { InquiryQueries } from '../../../domain/inquiry.queries.js';
import { fullName } from '../../../domain/staff.js';
import { translate, type MessageKey } from '../../core/i18n/index.js';
import { outcomeCard } from '../cards/notice-cards.js';
import type { ActionResult, Data, Turn } from '../router.js';

const escalationData = z.object({ escalationId: z.string().min(1), report: z.boolean().optional() });

export function parseEscalationData(data: Data): z.output<typeof escalationData> {
  return escalationData.parse(data);
}

/** The escalation card's buttons give way to the outcome, in the clicker's language. */
export async function escalationOutcome(queries: InquiryQueries, turn: Turn, escalation: Escalation, key: MessageKey): Promise<ActionResult> {
  const { inquiry } = await queries.escalation(escalation.id);
  const text = translate(turn.language, key, { manager: fullName(turn.actor), number: inquiry.registryNumber });
  return { card: outcomeCard(`${translate(turn.language, `kind.${inquiry.kind}`)} ${inquiry.registryNumber}`, text) };
}
