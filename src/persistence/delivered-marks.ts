import type { DataSource } from 'typeorm';
import { acrossInstitutions } from '../domain/institution.js';

/** Enough for every lane's batch at once, small enough that one statement stays short. */
const MAX_MARKS = 500;

interface Waiting {
  id: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Marks delivered outbox rows as group commit does: the first delivery to finish is marked at once, and those that
 * finish while its UPDATE is under way are marked together by the next one. Alone a delivery waits for nothing;
 * in a burst (every registration leaves an event for several consumers) the marks of all lanes share one statement
 * and one disk flush instead of taking one each — the flushes the registrations themselves are waiting for.
 * A failed UPDATE fails every delivery it carried, so each is retried as if it had failed (consumers are
 * idempotent: a delivery is at least once).
 */
export class DeliveredMarks {
  private readonly waiting: Waiting[] = [];
  private writing = false;

  constructor(private readonly dataSource: DataSource) {}

  /** Resolves once outbox row `id` is marked delivered. */
  mark(id: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ id, resolve, reject });
      // The marks of every institution share one statement (through the queue's function), so none is at hand.
      if (!this.writing) void acrossInstitutions(() => this.drain());
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, MAX_MARKS);
        try {
          // Across institutions (the queue's function, migration 1763900000021): the marks of all share one statement.
          await this.dataSource.query('SELECT langelis_outbox_delivered($1::bigint[])', [batch.map((waiting) => waiting.id)]);
          for (const waiting of batch) waiting.resolve();
        } catch (error) {
          for (const waiting of batch) waiting.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
