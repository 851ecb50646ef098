// The few pieces of PostgreSQL's wire protocol (v3) that sharing PGlite needs: framing only.

const READY_FOR_QUERY = 0x5a; // Z
/** ReadyForQuery's status outside any transaction block, nothing unfinished ('T': in one, 'E': in a failed one). */
export const IDLE = 0x49; // I

/** Follows the backend's messages across chunks and keeps the status of the last ReadyForQuery. */
export class ReadyScanner {
  status: number | undefined;
  readonly #header = new Uint8Array(5);
  #headerLength = 0;
  #type = 0;
  #remaining = 0;

  push(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.#remaining > 0) {
        const take = Math.min(this.#remaining, chunk.length - at);
        at += take;
        this.#remaining -= take;
        if (this.#remaining === 0 && this.#type === READY_FOR_QUERY) this.status = chunk[at - 1];
        continue;
      }
      this.#header[this.#headerLength++] = chunk[at++]!;
      if (this.#headerLength === 5) {
        this.#headerLength = 0;
        this.#type = this.#header[0]!;
        this.#remaining = new DataView(this.#header.buffer).getInt32(1) - 4;
      }
    }
  }
}

/** A typed frontend message: its type byte, its length, its body. */
export function frontendMessage(type: number, body: Uint8Array): Uint8Array {
  const message = new Uint8Array(5 + body.length);
  message[0] = type;
  new DataView(message.buffer).setInt32(1, 4 + body.length);
  message.set(body, 5);
  return message;
}
