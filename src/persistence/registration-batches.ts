import type { DataSource, QueryRunner } from 'typeorm';
import { writeRegistrations, type Registration } from './registration-writes.js';

/** Enough to carry a burst, small enough that one statement stays short. */
const MAX_BATCH = 200;

interface Waiting {
  registration: Registration;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * R15.register: registrations written together, several per transaction. The year's counter row is locked from
 * a registration's write to its commit, and a commit waits for the disk (milliseconds here), so one transaction
 * per registration caps them all at one disk flush each. Registrations that arrive while a batch is being written
 * wait and go together in the next: one counter update, one flush for them all. A batch that fails (a re-delivered
 * message among them) is tried again one registration at a time, so only the failing one fails, and its rollback
 * leaves no gap.
 */
export class RegistrationBatches {
  private readonly queue: Waiting[] = [];
  private writing = false;
  /** Registrations under way: held by their transactions (`underWay`) and not yet committed or given up. */
  private registering = 0;

  constructor(private readonly dataSource: DataSource) {}

  /** Counts a registration as under way until the returned function is called (once it is committed or failed). */
  underWay(): () => void {
    this.registering += 1;
    return () => {
      this.registering -= 1;
    };
  }

  /**
   * True while a batch is being written or another registration is under way: a registration then joins the next
   * batch instead of taking the counter alone. Alone (no other one under way), it is written in its own transaction.
   */
  get crowded(): boolean {
    return this.writing || this.registering > 1;
  }

  /** Resolves once `registration` is committed with its number, or rejects with why it was not. */
  write(registration: Registration): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ registration, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  /**
   * Writes batches while any wait, on one connection kept for the whole burst: taken from the pool each time, it
   * would queue behind the registrations' own transactions, which are waiting for this very write.
   */
  private async drain(): Promise<void> {
    this.writing = true;
    let runner: QueryRunner | null = null;
    try {
      while (this.queue.length > 0) {
        const year = this.queue[0]!.registration.year;
        const sameYear = this.queue.findIndex((waiting) => waiting.registration.year !== year);
        const batch = this.queue.splice(0, Math.min(MAX_BATCH, sameYear < 0 ? this.queue.length : sameYear));
        runner ??= await this.connect(batch);
        if (runner) await this.commit(runner, batch);
      }
    } finally {
      this.writing = false;
      await runner?.release();
    }
  }

  /** A connection of the pool, or null after failing `batch` with the reason there is none. */
  private async connect(batch: Waiting[]): Promise<QueryRunner | null> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      return runner;
    } catch (error) {
      await runner.release();
      for (const waiting of batch) waiting.reject(error);
      return null;
    }
  }

  private async commit(runner: QueryRunner, batch: Waiting[]): Promise<void> {
    try {
      await runner.startTransaction();
      try {
        await writeRegistrations(runner.manager, batch.map((waiting) => waiting.registration));
        await runner.commitTransaction();
      } catch (error) {
        await runner.rollbackTransaction();
        throw error;
      }
      for (const waiting of batch) waiting.resolve();
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const waiting of batch) await this.commit(runner, [waiting]);
    }
  }
}
