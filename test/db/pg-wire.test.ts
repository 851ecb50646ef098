import { describe, expect, it } from 'vitest';
import { frontendMessage, IDLE, ReadyScanner } from '../../db/pg-wire.ts';

const encode = (text: string) => new TextEncoder().encode(text);

describe('ReadyScanner', () => {
  // CommandComplete "INSERT 0 1", a DataRow whose bytes look like a ReadyForQuery, then ReadyForQuery 'T', then 'I'.
  const backend = [
    frontendMessage(0x43, encode('INSERT 0 1\0')),
    frontendMessage(0x44, new Uint8Array([0, 1, 0, 0, 0, 6, 0x5a, 0, 0, 0, 5, 0x49])),
    frontendMessage(0x5a, encode('T')),
  ];
  const bytes = new Uint8Array(backend.reduce((n, m) => n + m.length, 0));
  backend.reduce((at, m) => (bytes.set(m, at), at + m.length), 0);

  it('keeps the status of the last ReadyForQuery, however the stream is cut', () => {
    for (let cut = 0; cut <= bytes.length; cut++) {
      const scanner = new ReadyScanner();
      scanner.push(bytes.subarray(0, cut));
      scanner.push(bytes.subarray(cut));
      expect(String.fromCharCode(scanner.status!)).toBe('T');
    }
    const byteByByte = new ReadyScanner();
    for (const byte of bytes) byteByByte.push(new Uint8Array([byte]));
    byteByByte.push(frontendMessage(0x5a, encode('I')));
    expect(byteByByte.status).toBe(IDLE);
  });

  it('sees no status where no ReadyForQuery came (a Parse without Sync)', () => {
    const scanner = new ReadyScanner();
    scanner.push(frontendMessage(0x31, new Uint8Array(0)));
    expect(scanner.status).toBeUndefined();
  });
});
