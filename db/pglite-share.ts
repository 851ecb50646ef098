import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { dirname } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';
import { ExclusiveSessions } from './pglite-sessions.ts';
import { chooseSocketPath, removeServerRecord, writeServerRecord } from './pglite-server-record.ts';
import { type ChangeSink, EVERY_SCOPE } from './result-cache.ts';

export interface PgliteShare {
  /** The socket local clients connect to (also in `<dir>.server.json`). */
  socketPath: string;
  /** Stops serving: the record goes first, then clients are disconnected (a transaction in progress is rolled back). */
  stop(): Promise<void>;
}

export interface ShareOptions {
  /** Told, after each client exchange that ran a statement, that anything may have changed. */
  changes: ChangeSink;
  /** How long a client holding the database may stay silent (ExclusiveSessions). */
  idleMs?: number;
}

/**
 * Serves this process's PGlite to local clients through pglite-socket's protocol handler, one
 * exchange at a time with the server's own queries (ExclusiveSessions): the directory stays
 * open in this process only. Call only while holding the directory's lock.
 */
export async function sharePglite(pg: PGlite, dir: string, options: ShareOptions): Promise<PgliteShare> {
  const socketPath = chooseSocketPath(dir);
  const isFile = !socketPath.startsWith('\\\\'); // not a Windows named pipe
  // Any socket file there is a dead server's: this process holds the directory's lock.
  if (isFile) rmSync(socketPath, { force: true });
  const handlers = new Map<number, PGLiteSocketHandler>();
  const sessions = new ExclusiveSessions(pg, {
    // A client's writes never pass the writers that announce theirs: forget every kept result.
    onExchangeEnd: () => options.changes.changed(...EVERY_SCOPE),
    onStall: (id) => void handlers.get(id)?.detach(true),
    idleMs: options.idleMs,
  });
  const server = createServer((socket) => {
    const handler = new PGLiteSocketHandler({ queryQueue: sessions.asHandlerQueue(), closeOnDetach: true });
    handlers.set(handler.handlerId, handler);
    const forget = () => handlers.delete(handler.handlerId);
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    void handler.attach(socket);
  });
  await listen(server, socketPath);
  // Only the directory's owner may talk to it, as only they may read its files.
  if (isFile) chmodSync(socketPath, 0o600);
  writeServerRecord(dir, { pid: process.pid, socket: socketPath });
  let stopping: Promise<void> | undefined;
  const stop = async () => {
    removeServerRecord(dir);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.all([...handlers.values()].map((handler) => handler.detach(true)));
    await closed;
    if (isFile) rmSync(socketPath, { force: true });
    // A path too long to sit beside the directory got a private temporary directory of its own.
    if (isFile && socketPath !== `${dir}.sock`) rmSync(dirname(socketPath), { recursive: true, force: true });
  };
  return { socketPath, stop: () => (stopping ??= stop()) };
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      // A client's broken connection is its handler's business; the listener must not throw.
      server.on('error', () => {});
      resolve();
    });
  });
}
