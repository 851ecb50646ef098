/**
 * Who may work now, among the requests already acknowledged: at most `size` at once, and none
 * while a request is still waiting for its ack, unless the first in line has waited `maxDeferMs`
 * (so a steady stream of requests cannot starve the work). Acks first, because Slack's 3-second
 * limit is on the ack; on PGlite every query blocks the one thread, so work started early would
 * keep the requests behind it from even being read.
 */
export interface WorkTurns {
  /** A request came in: work waits until it is answered. */
  arrived(): void;
  answered(): void;
  /** Resolves when this work may go on; call give() once done. */
  take(): Promise<void>;
  give(): void;
}

export function createWorkTurns(size: number, maxDeferMs: number): WorkTurns {
  let free = size;
  let unanswered = 0;
  const waiting: { since: number; go: () => void }[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const grant = () => {
    while (free > 0 && waiting.length > 0) {
      const head = waiting[0]!;
      if (unanswered > 0 && Date.now() - head.since < maxDeferMs) break;
      waiting.shift();
      free -= 1;
      head.go();
    }
    // Held back by requests still unanswered: try again when the first in line has waited enough.
    clearTimeout(timer);
    timer = undefined;
    if (free > 0 && waiting.length > 0) {
      timer = setTimeout(grant, Math.max(0, waiting[0]!.since + maxDeferMs - Date.now()));
    }
  };

  return {
    arrived() {
      unanswered += 1;
    },
    answered() {
      unanswered -= 1;
      if (unanswered === 0) grant();
    },
    take() {
      return new Promise<void>((go) => {
        waiting.push({ since: Date.now(), go });
        grant();
      });
    },
    give() {
      free += 1;
      grant();
    },
  };
}
