import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../../server/logger.ts';
import { answerBeforeBolt } from './admission.ts';
import { json, parseBody, retryOf, toResponse } from './request-codec.ts';
import { refusalOf } from './signature.ts';
import { createWorkTurns, type WorkTurns } from './work-turns.ts';

export interface FetchReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /**
   * How long a request waits for a listener's ack (default 2.5 s). Past it the answer is an
   * empty 200: Slack shows the person an error, and resends an event, after 3 s without one.
   */
  ackWithinMs?: number;
  /**
   * How many requests may do their work after the ack at once (default 4); the others wait for
   * their turn, as does all work while a request waits for its ack (bot/slack/work-turns.ts).
   */
  maxWorking?: number;
  /** Whether the database can be reached (db/availability.ts): while it cannot, requests get 503. */
  databaseUp?: () => Promise<boolean>;
}

/**
 * In every listener's `context` (Bolt's customProperties): whether the ack came too late to be
 * the answer (the receiver had answered an empty 200), so what it carried never reached Slack.
 */
export interface AckState {
  isLate(): boolean;
}

/** The request's AckState from a listener's context (always there behind this receiver). */
export function ackStateOf(context: Record<string, unknown>): AckState {
  return (context.ackState as AckState | undefined) ?? { isLate: () => false };
}

/** Something the work after the response must be declared to (Workers' `waitUntil`). */
export type KeepAlive = (work: Promise<unknown>) => void;

const ACK_WITHIN_MS = 2_500;
const MAX_WORKING = 4;
/** Work waits for unanswered requests at most this long. */
const MAX_DEFER_MS = 200;

/** The next turn of the event loop: pending I/O (the response just given, new requests) goes first. */
const nextTurn = () => new Promise<void>((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/**
 * Bolt's receiver for any fetch-style server (Hono on Node or Workers): Bolt has none. It checks
 * the signature with Bolt's own `verifySlackRequest`, answers Slack's handshakes, and hands the
 * request to the App with an `ack` that becomes the HTTP response; the listener's work goes on
 * after that response (settle() waits for it), so Slack always has its answer within 3 s.
 */
export class FetchReceiver implements Receiver {
  readonly #inFlight = new Set<Promise<void>>();
  readonly #options: FetchReceiverOptions;
  readonly #turns: WorkTurns;
  #app: App | undefined;

  constructor(options: FetchReceiverOptions) {
    this.#options = options;
    this.#turns = createWorkTurns(options.maxWorking ?? MAX_WORKING, MAX_DEFER_MS);
  }

  init(app: App): void {
    this.#app = app;
  }

  // Nothing to listen on: the HTTP server is the host's (server/routes/slack.ts).
  async start(): Promise<void> {}

  async stop(): Promise<void> {
    await this.settle();
  }

  /** Resolves once every request received so far is fully handled: call before closing the database. */
  async settle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /** One request from Slack, as a web Request: 401 unless signed within 5 minutes, else Slack's answer. */
  async handle(request: Request, keepAlive?: KeepAlive): Promise<Response> {
    this.#turns.arrived();
    try {
      return await this.#answer(request, keepAlive);
    } finally {
      this.#turns.answered();
    }
  }

  async #answer(request: Request, keepAlive?: KeepAlive): Promise<Response> {
    const arrived = Date.now();
    const log = this.#options.logger;
    const raw = await request.text();
    const contentType = request.headers.get('content-type') ?? '';
    const isForm = contentType.startsWith('application/x-www-form-urlencoded');
    // Slack checks the certificate with an unsigned `ssl_check=1`: answered, nothing else read.
    if (isForm && new URLSearchParams(raw).get('ssl_check') === '1') return new Response(null, { status: 200 });
    // One reading of the clock for every check of the timestamp.
    const refused = refusalOf(request.headers, raw, this.#options.signingSecret, Date.now());
    if (refused !== undefined) {
      log.warn({ reason: refused }, 'slack request refused');
      return json({ error: 'unauthorized' }, 401);
    }

    const body = parseBody(raw, isForm);
    if (body === undefined) return json({ error: 'bad_request' }, 400);
    if (body.type === 'url_verification') return json({ challenge: body.challenge });
    const early = await answerBeforeBolt(body, log, this.#options.databaseUp);
    if (early) return early;
    if (!this.#app) {
      log.error('slack request before the App was created');
      return json({ error: 'not_ready' }, 503);
    }

    let answer!: (response: Response) => void;
    const answered = new Promise<Response>((resolve) => (answer = resolve));
    let acked = false;
    let ackedLate = false;
    let hasTurn = false;
    // The listener goes on once the response is written and its turn has come (see maxWorking).
    // Work that cannot wait (opening a modal: its trigger_id expires) starts before awaiting the ack.
    const awaitTurn = async () => {
      await nextTurn();
      if (!hasTurn) {
        hasTurn = true;
        await this.#turns.take();
      }
    };
    const event: ReceiverEvent = {
      body,
      ...retryOf(request.headers),
      customProperties: { ackState: { isLate: () => ackedLate } satisfies AckState },
      ack: async (response?: unknown) => {
        // A late ack (the timer answered already) has no response left to fill: the listener
        // can tell by its context's ackState, and say otherwise what the response would have.
        if (acked) {
          log.warn({ type: body.type }, 'slack ack after the request was answered: dropped');
        } else {
          acked = true;
          answer(toResponse(response));
        }
        await awaitTurn();
      },
    };
    const work: Promise<void> = this.#app
      .processEvent(event)
      .catch((err: unknown) => log.error({ err, type: body.type }, 'slack request not handled'))
      .finally(() => {
        if (hasTurn) this.#turns.give();
        this.#inFlight.delete(work);
        // No listener took it (an unknown command or action): Slack still gets its 200.
        if (!acked) {
          acked = true;
          answer(new Response(null, { status: 200 }));
        }
      });
    this.#inFlight.add(work);
    keepAlive?.(work);

    const ms = this.#options.ackWithinMs ?? ACK_WITHIN_MS;
    // Counted from the request's arrival: the database check before Bolt spends the same budget.
    const left = Math.max(0, ms - (Date.now() - arrived));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<Response>((resolve) => {
      timer = setTimeout(() => {
        if (acked) return;
        acked = true;
        ackedLate = true;
        log.warn({ type: body.type, after_ms: ms }, 'slack request not acknowledged in time: answered 200');
        resolve(new Response(null, { status: 200 }));
      }, left);
    });
    try {
      return await Promise.race([answered, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}
