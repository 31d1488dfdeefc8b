import { PerKeyDebounce } from '../../src/bot/slack/per-key-debounce.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('App Home republishing, debounced per person (issue #16)', () => {
  it('runs the first change at once and the ones within the window together at its end, per key', async () => {
    const runs: string[] = [];
    const debounce = new PerKeyDebounce(50, async (key) => void runs.push(key));
    await debounce.touch('ona');
    expect(runs).toEqual(['ona']);
    await debounce.touch('ona');
    await debounce.touch('ona');
    await debounce.touch('jonas');
    expect(runs).toEqual(['ona', 'jonas']);
    await sleep(120);
    expect(runs).toEqual(['ona', 'jonas', 'ona']);
    // The window after the trailing run passed quietly: the next change goes at once again.
    await sleep(80);
    await debounce.touch('ona');
    expect(runs).toEqual(['ona', 'jonas', 'ona', 'ona']);
    await debounce.flush();
  });

  it('never runs one key twice at once; a change during a run is shown by one run after it', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const debounce = new PerKeyDebounce(0, async () => {
      running += 1;
      most = Math.max(most, running);
      await sleep(30);
      running -= 1;
      runs += 1;
    });
    const first = debounce.touch('ona');
    for (let i = 0; i < 5; i += 1) await debounce.touch('ona');
    await first;
    await sleep(60);
    expect(runs).toBe(2);
    expect(most).toBe(1);
    await debounce.flush();
  });

  it('flush runs what is still owed at once', async () => {
    const runs: string[] = [];
    const debounce = new PerKeyDebounce(60_000, async (key) => void runs.push(key));
    await debounce.touch('ona');
    await debounce.touch('ona');
    await debounce.flush();
    expect(runs).toEqual(['ona', 'ona']);
  });
});
