import type http from 'node:http';

/**
 * Work after an ack waits at most this long for the requests in front of it, so it is never starved; well inside the
 * 3 s a click's trigger stays valid for opening a form.
 */
const MAX_WAIT_MS = 1_000;

/**
 * The requests on `POST /slack/events` that have arrived and are not yet answered, and a way for the work that
 * follows an ack to stand back until there are none (issue #16: "the post-ack work never delays the next ack").
 * When 100 people click Claim at once, each click's database transaction, rendering and Web API calls would
 * otherwise run between the next clicks' acks. The check runs in a `setImmediate`, after Node has read the sockets
 * that are ready, so a burst that is still arriving is acked before any of its work starts. Waiting is bounded
 * (MAX_WAIT_MS): Bolt holds an unmatched request open for 3 s, and a form's submission answers only after its command.
 */
export class PendingAcks {
  private open = 0;
  private waiting: Array<() => void> = [];
  private check: NodeJS.Immediate | null = null;
  private deadline: NodeJS.Timeout | null = null;

  /** A request arrived; it counts until its response is sent or its connection closes. */
  received(response: http.ServerResponse): void {
    this.open += 1;
    let answered = false;
    const done = () => {
      if (answered) return;
      answered = true;
      this.open -= 1;
      this.checkSoon();
    };
    response.once('finish', done).once('close', done);
  }

  /** Resolves once no request is waiting for its answer (or after MAX_WAIT_MS). */
  quiet(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.deadline ??= setTimeout(() => this.release(), MAX_WAIT_MS).unref();
      this.checkSoon();
    });
  }

  private checkSoon(): void {
    if (this.check || this.waiting.length === 0) return;
    this.check = setImmediate(() => {
      this.check = null;
      // Still some unanswered: the last of them to be answered checks again.
      if (this.open === 0) this.release();
    });
  }

  private release(): void {
    if (this.deadline) clearTimeout(this.deadline);
    this.deadline = null;
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}
