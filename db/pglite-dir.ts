import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

/**
 * Why PGlite could not open its directory. PGlite's file system layer throws Emscripten's
 * ErrnoError, which is no Error (no message, a numeric errno): this says it in words.
 */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

/**
 * The directory's one true path, every symlink followed, even for a directory not made yet
 * (a link to it, or under a linked parent). PGlite cannot open a path through a symlink, and
 * the lock must see one directory under all its names.
 */
export function resolvePgliteDir(dir: string, depth = 0): string {
  const path = resolve(dir);
  try {
    return realpathSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || depth > 40) return path;
  }
  // Missing: a dangling link points where the directory will be made; else resolve the parent.
  const link = lstatOrUndefined(path);
  if (link?.isSymbolicLink()) return resolvePgliteDir(resolve(dirname(path), readlinkSync(path)), depth + 1);
  const parent = dirname(path);
  return parent === path ? path : `${resolvePgliteDir(parent, depth + 1)}/${basename(path)}`;
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

// Emscripten's errno numbers (not the host's) for what an operator can fix.
const errnoNames: Record<number, string> = {
  2: 'EACCES: permission denied',
  20: 'EEXIST: already exists',
  31: 'EISDIR: is a directory',
  44: 'ENOENT: no such file or directory',
  51: 'ENOSPC: no space left on the device',
  54: 'ENOTDIR: not a directory',
  63: 'EPERM: operation not permitted',
  69: 'EROFS: read-only file system',
};

/** Turns whatever PGlite threw into an Error that names the directory and the cause. */
export function toOpenError(dir: string, error: unknown): Error {
  if (error instanceof Error) return error;
  const errno = (error as { errno?: unknown } | null)?.errno;
  const reason = typeof errno === 'number' ? (errnoNames[errno] ?? `file system error ${errno}`) : String(error);
  return new DatabaseOpenError(
    `Cannot open the embedded database in ${dir}: ${reason}. PGLITE_DIR must name a directory this process may write ` +
      '(made if missing), or memory:// for none on disk.',
  );
}
