import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Issue #17: one deployment serves many institutions. Every piece of work (a chat request, a page, a job, an outbox
 * delivery, a mailbox poll) belongs to one institution, named once where the work enters (`inInstitution`), and
 * everything it does downstream happens there: the database sets it for each transaction, where PostgreSQL's
 * row-level security hides every other institution's rows. Work that names none sees no institution's data.
 */
export type InstitutionId = number;

/** The institution a deployment that was set up for one institution has held since before issue #17. */
export const FIRST_INSTITUTION: InstitutionId = 1;

const current = new AsyncLocalStorage<InstitutionId>();

/** Runs `work` (and everything it starts) as work of `institution`. */
export function inInstitution<T>(institution: InstitutionId, work: () => T): T {
  if (!Number.isSafeInteger(institution) || institution < 1) throw new Error(`not an institution: ${String(institution)}`);
  return current.run(institution, work);
}

/**
 * Runs `work` outside any institution: the sweeps of the shared work queues, which reach across institutions only
 * through the queues' own functions and hand each row to its institution.
 */
export function acrossInstitutions<T>(work: () => T): T {
  return current.exit(work);
}

/** The institution of the work under way, or undefined outside any (start-up, cross-institution sweeps). */
export function currentInstitution(): InstitutionId | undefined {
  return current.getStore();
}

/** The institution of the work under way; work that must belong to one fails loudly outside any. */
export function requireInstitution(): InstitutionId {
  const institution = current.getStore();
  if (institution === undefined) throw new Error('work outside any institution: name it where the work enters (inInstitution)');
  return institution;
}

/**
 * `services` as seen from one institution: each method runs inside `inInstitution`. For callers that stand outside
 * the entry points (the command-line tools, tests, the running app's own handle on its first institution).
 */
export function servingInstitution<T extends object>(services: T, institution: InstitutionId): T {
  return new Proxy(services, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = inInstitution(institution, () => (value as (...a: unknown[]) => unknown).apply(target, args));
        return isAsyncIterable(result) ? iteratingIn(result, institution) : result;
      };
    },
  });
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** A generator's body runs at each `next`, not when it is made: each step too is the institution's work. */
async function* iteratingIn<T>(iterable: AsyncIterable<T>, institution: InstitutionId): AsyncIterable<T> {
  const iterator = iterable[Symbol.asyncIterator]();
  try {
    for (;;) {
      const step = await inInstitution(institution, () => iterator.next());
      if (step.done) return;
      yield step.value;
    }
  } finally {
    await inInstitution(institution, async () => iterator.return?.());
  }
}
