import { HttpError } from './http-error.ts';

/**
 * The request body as chunks, failing with 413 once more than `maxBytes` have arrived. Reading
 * chunk by chunk lets a 100 MB import stream into the parser instead of sitting in memory, and
 * catches chunked uploads that announce no Content-Length.
 */
export async function* readLimited(body: ReadableStream<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let size = 0;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      size += value.byteLength;
      if (size > maxBytes) throw new HttpError(413, 'payload_too_large', { max: maxBytes });
      yield value;
    }
  } finally {
    // Stopped early (too big, or the consumer gave up): drop the rest instead of leaving it unread.
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
