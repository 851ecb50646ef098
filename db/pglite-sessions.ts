import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import { frontendMessage, IDLE, ReadyScanner } from './pg-wire.ts';

/** How long a client holding the database may stay silent before its connection is closed (and rolled back). */
export const SESSION_IDLE_MS = 30_000;

export interface ExclusiveSessionsOptions {
  /** Called when a client's exchange that ran a statement has ended (committed or rolled back), before others go on. */
  onExchangeEnd(): void;
  /** A client holding the database sent nothing for `idleMs`: close its connection (which rolls it back). */
  onStall(clientId: number): void;
  idleMs?: number;
}

interface Holder {
  id: number;
  release: () => void;
  ranStatement: boolean;
  timer?: NodeJS.Timeout;
}

// Frontend message types (the first byte of a typed message).
const QUERY = 0x51; // Q
const EXECUTE = 0x45; // E
const FUNCTION_CALL = 0x46; // F
const TERMINATE = 0x58; // X
const rollbackQuery = frontendMessage(QUERY, new TextEncoder().encode('ROLLBACK\0'));
const sync = frontendMessage(0x53, new Uint8Array(0));

/**
 * Gives PGlite's one session to a socket client for a whole exchange: from its first message
 * until PostgreSQL reports idle again (ReadyForQuery 'I': outside any transaction block, no
 * extended-protocol batch left unsynced). pglite-socket's own queue locks PGlite for one
 * message at a time only, so the server's queries could run inside a client's transaction (and be
 * rolled back with it), a client's between another's Parse and Sync, or inside the server's.
 * Here an exchange holds PGlite's transaction mutex, the one the server's query(), exec() and
 * transaction() take first: they wait for it, and a client waits for a server transaction.
 *
 * It is the `queryQueue` a PGLiteSocketHandler calls (enqueue, clearQueueForHandler,
 * clearTransactionIfNeeded); each handler awaits its messages one by one, so clients wait
 * apart and never behind one another's messages.
 */
export class ExclusiveSessions {
  #holder: Holder | undefined;
  readonly #waiting = new Set<number>();
  readonly #cancelled = new Set<number>();
  readonly #inFlight = new Map<number, Promise<unknown>>();

  constructor(
    private readonly pg: PGlite,
    private readonly options: ExclusiveSessionsOptions,
  ) {}

  /** This object as the queue PGLiteSocketHandler expects (its class is not exported; the methods are what it calls). */
  asHandlerQueue(): PGLiteSocketHandlerOptions['queryQueue'] {
    return this as unknown as PGLiteSocketHandlerOptions['queryQueue'];
  }

  /** Runs one client message, first taking PGlite for the client unless it holds it already. */
  enqueue(id: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    // Terminate would end PGlite's one backend for everybody; the socket's close follows it.
    if (message[0] === TERMINATE) return Promise.resolve(0);
    const running = this.#run(id, message, onData);
    const settled = running.catch(() => {});
    this.#inFlight.set(id, settled);
    void settled.then(() => {
      if (this.#inFlight.get(id) === settled) this.#inFlight.delete(id);
    });
    return running;
  }

  /** The client left: a message of its still waiting for PGlite is dropped. */
  clearQueueForHandler(id: number): void {
    if (this.#waiting.has(id)) this.#cancelled.add(id);
  }

  /** The client left while holding PGlite: roll back what it began, then let the others on. */
  async clearTransactionIfNeeded(id: number): Promise<void> {
    await this.#inFlight.get(id);
    const holder = this.#holder;
    if (holder?.id !== id) return;
    clearTimeout(holder.timer);
    try {
      await this.#rollBack();
    } finally {
      this.#end(holder);
    }
  }

  async #run(id: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    if (this.#holder?.id !== id) await this.#acquire(id);
    const holder = this.#holder!;
    clearTimeout(holder.timer);
    if (message[0] === QUERY || message[0] === EXECUTE || message[0] === FUNCTION_CALL) holder.ranStatement = true;
    const ready = new ReadyScanner();
    let bytes = 0;
    try {
      await this.pg.runExclusive(() =>
        this.pg.execProtocolRawStream(message, {
          onRawData: (data) => {
            bytes += data.length;
            ready.push(data);
            onData(data);
          },
        }),
      );
    } finally {
      if (ready.status === IDLE) this.#end(holder);
      else this.#arm(holder);
    }
    return bytes;
  }

  #acquire(id: number): Promise<void> {
    this.#waiting.add(id);
    return new Promise((entered, refused) => {
      void this.pg._runExclusiveTransaction(
        () =>
          new Promise<void>((release) => {
            this.#waiting.delete(id);
            if (this.#cancelled.delete(id)) {
              release();
              refused(new Error('Handler disconnected'));
              return;
            }
            this.#holder = { id, release, ranStatement: false };
            entered();
          }),
      );
    });
  }

  #arm(holder: Holder): void {
    clearTimeout(holder.timer);
    holder.timer = setTimeout(() => this.options.onStall(holder.id), this.options.idleMs ?? SESSION_IDLE_MS);
    holder.timer.unref();
  }

  #end(holder: Holder): void {
    if (this.#holder !== holder) return;
    clearTimeout(holder.timer);
    this.#holder = undefined;
    // Before the release: the server's next query already finds its kept results outdated.
    if (holder.ranStatement) this.options.onExchangeEnd();
    holder.release();
  }

  /** ROLLBACK, then Sync (which ends an unsynced batch, or an error's skip-till-Sync), until idle. */
  async #rollBack(): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const ready = new ReadyScanner();
      await this.pg.runExclusive(async () => {
        for (const message of [rollbackQuery, sync]) {
          await this.pg.execProtocolRawStream(message, { onRawData: (data) => ready.push(data) });
        }
      });
      if (ready.status === IDLE && !this.pg.isInTransaction()) return;
    }
  }
}
