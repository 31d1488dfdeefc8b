import type { Driver, PlatformId } from './drivers/driver.js';
import type { World } from './world.js';

/**
 * One row of the contract table (plan §6.3): what is set up, what happens, and what each platform must show —
 * everything it shows, so "nobody else is told" holds by construction. Expectations are written as
 * `describeDelivery` strings: `to op notice [actions] +marks #count`.
 */
export interface Scenario<C = any> {
  /** Plan row id, e.g. `L03`. */
  id: string;
  /** Names the procedure rule(s) it proves, e.g. `R4.owner: …`. */
  title: string;
  /** The drift this row pins down (`D1`…`D7`), with `failsOn`: the platform(s) drifting today. */
  drift?: string;
  /** Marked `test.failing` there: green while the drift lasts, red once it is fixed — then flip it to a plain row. */
  failsOn?: readonly PlatformId[];
  /** Runs before the mark; its result is the row's context. Each row makes its own inquiry. */
  given(world: World, platform: PlatformId): Promise<C>;
  /** What happens; domain calls reach every platform, driver calls only this one. */
  when(world: World, context: C, driver: Driver): Promise<void>;
  /** What this platform must have shown since the mark, as a multiset. */
  expect: readonly string[] | ((context: C, platform: PlatformId) => readonly string[]);
}
