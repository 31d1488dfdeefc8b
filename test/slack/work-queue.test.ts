import { WorkQueue } from '../../src/bot/slack/work-queue.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('the queue of work after Slack acks', () => {
  it('runs at most `concurrency` jobs at once, in arrival order, and drain waits for the last', async () => {
    const queue = new WorkQueue(2);
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const jobs = gates.map((gate, index) => queue.run(async () => {
      started.push(index);
      await gate.promise;
      return index;
    }));
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    let drained = false;
    const draining = queue.drain().then(() => (drained = true));
    gates[0]!.resolve();
    await jobs[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    gates[1]!.resolve();
    gates[2]!.resolve();
    expect(await Promise.all(jobs)).toEqual([0, 1, 2]);
    await draining;
    expect(drained).toBe(true);
  });

  it('a failing job frees its slot', async () => {
    const queue = new WorkQueue(1);
    await expect(queue.run(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await queue.run(async () => 'next')).toBe('next');
    await queue.drain();
  });
});
