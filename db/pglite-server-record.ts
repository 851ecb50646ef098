import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from './pglite-lock.ts';

/**
 * Where a running server that holds a PGlite directory serves it to local clients (the CLI, the
 * console): a small JSON file beside the directory, `<dir>.server.json`, written once its
 * socket listens and removed when it stops.
 */
export interface ServerRecord {
  pid: number;
  /** The unix socket (a named pipe on Windows) to connect to. */
  socket: string;
}

export function recordPathFor(dir: string): string {
  return `${dir}.server.json`;
}

// A unix socket's path must fit in 108 bytes (104 on macOS), with room to spare.
const MAX_SOCKET_PATH = 100;

/**
 * The socket beside the directory, `<dir>.sock`: who may open it is who may write beside the
 * data. A path too long for a socket goes to a private (0700) directory under the system's temp.
 */
export function chooseSocketPath(dir: string): string {
  if (process.platform === 'win32') return `\\\\.\\pipe\\thads-${createHash('sha256').update(dir).digest('hex').slice(0, 16)}`;
  const beside = `${dir}.sock`;
  return Buffer.byteLength(beside) <= MAX_SOCKET_PATH ? beside : join(mkdtempSync(join(tmpdir(), 'thads-')), 'pglite.sock');
}

/** Written whole or not at all (a rename), readable by its owner only. */
export function writeServerRecord(dir: string, record: ServerRecord): void {
  const path = recordPathFor(dir);
  writeFileSync(`${path}.${process.pid}`, `${JSON.stringify(record)}\n`, { mode: 0o600 });
  renameSync(`${path}.${process.pid}`, path);
}

/** Removes the record if it is this process's (a later server's is not ours to remove). */
export function removeServerRecord(dir: string): void {
  if (readRecordFile(dir)?.pid === process.pid) rmSync(recordPathFor(dir), { force: true });
}

/** The record of a server still alive, or undefined: missing, unreadable, or its process is dead (stale). */
export function readServerRecord(dir: string): ServerRecord | undefined {
  const record = readRecordFile(dir);
  return record && isAlive(record.pid) ? record : undefined;
}

function readRecordFile(dir: string): ServerRecord | undefined {
  try {
    const parsed = JSON.parse(readFileSync(recordPathFor(dir), 'utf8')) as Partial<ServerRecord>;
    return Number.isInteger(parsed.pid) && (parsed.pid ?? 0) > 0 && typeof parsed.socket === 'string'
      ? { pid: parsed.pid!, socket: parsed.socket }
      : undefined;
  } catch {
    return undefined;
  }
}
