import { describeDelivery, type PlatformId } from './drivers/driver.js';
import type { Scenario } from './scenario.js';
import { MONDAY_MORNING, startWorld, type World, type WorldOptions } from './world.js';

const PLATFORMS: readonly PlatformId[] = ['slack', 'teams'];

/**
 * The contract suite of one scenario file: one app with both platforms on; every row once per platform, each
 * run on its own inquiry, comparing the multiset of that platform's deliveries with the row's expectation.
 * A row a platform drifts on is `test.failing` there (jest 30). `options`: how the world differs (e-mail on).
 */
export function runContract(name: string, rows: readonly Scenario[], options: WorldOptions = {}): void {
  describe(name, () => {
    let world: World;
    beforeAll(async () => {
      world = await startWorld(options);
    });
    afterAll(() => world?.stop());

    describe.each(PLATFORMS)('%s', (platform) => {
      for (const row of rows) {
        const drifting = row.failsOn?.includes(platform) ?? false;
        const title = `${row.id} ${row.title}${row.drift ? ` (${row.drift}${drifting ? ': drifts here' : ''})` : ''}`;
        (drifting ? test.failing : test)(title, async () => {
          const driver = world.drivers[platform];
          world.clock.set(MONDAY_MORNING);
          const context = await row.given(world, platform);
          await world.settle();
          const mark = driver.mark();
          await row.when(world, context, driver);
          await world.settle();
          const shown = driver.deliveriesSince(mark).map(describeDelivery).sort();
          const expected = [...(typeof row.expect === 'function' ? row.expect(context, platform) : row.expect)].sort();
          expect(shown).toEqual(expected);
        });
      }
    });
  });
}
