interface KeyState {
  /** Touched again since the last run started: one more run at the window's end. */
  again: boolean;
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
}

/**
 * Leading + trailing debounce per key: the first touch of a key runs at once; touches while that run is under way
 * or within `windowMs` after it ended are coalesced into one more run at the window's end, and so on. Runs of one
 * key never overlap, so the last one to finish read the latest state. `run` must not reject (it logs its own errors).
 */
export class PerKeyDebounce {
  private readonly keys = new Map<string, KeyState>();

  constructor(
    private readonly windowMs: number,
    private readonly run: (key: string) => Promise<void>,
  ) {}

  /** Resolves when the run this touch started has ended, or at once when the touch joined a later run. */
  touch(key: string): Promise<void> {
    const state = this.keys.get(key);
    if (state) {
      state.again = true;
      return Promise.resolve();
    }
    const fresh: KeyState = { again: false, timer: null, running: null };
    this.keys.set(key, fresh);
    return this.fire(key, fresh);
  }

  /** At shutdown: the runs under way end, and the ones still owed run now. */
  async flush(): Promise<void> {
    await Promise.all(
      [...this.keys].map(async ([key, state]) => {
        await state.running;
        if (state.timer) clearTimeout(state.timer);
        this.keys.delete(key);
        if (state.again) await this.run(key);
      }),
    );
  }

  private fire(key: string, state: KeyState): Promise<void> {
    state.again = false;
    const running = this.run(key).finally(() => {
      state.running = null;
      // Unref'd: a window never keeps the process up; at shutdown `flush` runs what is owed.
      state.timer = setTimeout(() => this.windowEnded(key, state), this.windowMs).unref();
    });
    state.running = running;
    return running;
  }

  private windowEnded(key: string, state: KeyState): void {
    state.timer = null;
    if (state.again) void this.fire(key, state);
    else this.keys.delete(key);
  }
}
