import type { EventOf } from '../../../../domain/events.js';
import type { Notice, NoticeSnapshot } from '../notice.js';
import { announcement, named, say, toChannel, type Rule } from './shapes.js';

/** Events that only change what the inquiry's card shows: its owner, status or buttons. */
type LifecycleEvent = 'registered' | 'claimed' | 'released' | 'handed_over' | 'first_reply_sent' | 'holding_reply_sent'
  | 'waiting_on_client' | 'resolved' | 'closed' | 'reopened';

/**
 * R15.register / R4.owner: a registered inquiry is announced in the staff channel and nobody is messaged; each
 * later change re-renders that card (D8: upsert on every platform). The person who acted sees the card change
 * and was answered by their own click. On a handover the new owner is not messaged yet (gap G1, undecided).
 */
const cardOnly = (event: EventOf<LifecycleEvent>, snapshot: NoticeSnapshot): Notice[] => [announcement(event, snapshot)];

/** R4.owner: the card shows the owner, and a "nobody has claimed it" nudge, if one was posted, gives way to who did. */
const claimed: Rule<'claimed'> = (event, snapshot) => [
  announcement(event, snapshot),
  toChannel({
    id: 'inquiry.unclaimed',
    mode: 'update_only',
    updateKey: { kind: 'unclaimed' },
    text: say('notice.unclaimed', { number: event.registryNumber }),
    facts: [{ label: { key: 'card.subject' }, value: snapshot.inquiry.inquiry.subject }],
    outcome: say('notice.unclaimed.claimed', { owner: named(event.ownerId) }),
  }),
];

export const lifecycleRules = {
  registered: cardOnly,
  claimed,
  released: cardOnly,
  handed_over: cardOnly,
  first_reply_sent: cardOnly,
  holding_reply_sent: cardOnly,
  waiting_on_client: cardOnly,
  resolved: cardOnly,
  closed: cardOnly,
  reopened: cardOnly,
} satisfies { [T in LifecycleEvent]: Rule<T> };
