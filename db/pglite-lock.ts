import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export class DatabaseInUseError extends Error {
  override name = 'DatabaseInUseError';
  constructor(
    message: string,
    /** The process holding the directory; NaN when unknown. */
    readonly pid: number,
  ) {
    super(message);
  }
}

// Directories this process holds open: a second opener in the same process (a worker, a
// test) is refused as surely as another process.
const heldHere = new Set<string>();

/**
 * PGlite is one process's database: two openers of one directory corrupt it silently. A lock
 * file beside the directory records the owner's pid; a live owner means refusal, a dead one
 * is taken over. Returns the release function.
 */
export function acquirePgliteLock(dir: string): () => void {
  const path = `${resolve(dir)}.lock`;
  if (heldHere.has(path)) throw inUse(dir, process.pid);
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.add(path);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldHere.delete(path);
        rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) throw inUse(dir, owner);
      rmSync(path, { force: true }); // stale lock from a process that died
    }
  }
  throw inUse(dir, Number.NaN);
}

/** Whether a process of this id exists (one of another user's counts). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function inUse(dir: string, pid: number): DatabaseInUseError {
  const who = Number.isNaN(pid) ? 'another process' : pid === process.pid ? 'this process' : `process ${pid}`;
  return new DatabaseInUseError(
    `The embedded database ${dir} is already open by ${who}. PGlite allows one process at a time: ` +
      'stop the other process (for example a running `npm start`), or point DATABASE_URL at a PostgreSQL server.',
    pid,
  );
}
