import type { Notice } from '../notice.js';
import { say, type Rule } from './shapes.js';

/**
 * Issue #15 (retention): an anonymised inquiry's chat copies — its card in the channel, the notes under it, the DMs
 * that quoted it — are edited to its registry number and state, with no buttons (nothing on it can be done any more).
 * Nobody is told anything new: the edits post nothing. R12.records: the number and state are what is kept.
 */
export const anonymised: Rule<'anonymised'> = (event, snapshot): Notice[] => [
  {
    id: 'inquiry.anonymised',
    kind: 'note',
    audience: { to: 'every_copy', inquiryId: event.inquiryId },
    mode: 'update_only',
    tone: 'info',
    text: say('notice.anonymised', { number: event.registryNumber, state: { key: `status.${snapshot.inquiry.inquiry.status}` } }),
    facts: [],
    actions: [],
  },
];

export const anonymisedRules = { anonymised } satisfies { anonymised: Rule<'anonymised'> };
