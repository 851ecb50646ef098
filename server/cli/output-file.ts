import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../../db/errors.ts';

/**
 * Writes a file whole or not at all: into a hidden file beside it, then renamed over it, so a
 * failure (disk full, no permission) never leaves half a report nor spoils an older one.
 * Failures are UserErrors in words (report.file.*), never an errno.
 */
export async function writeFileWhole(file: string, bytes: Uint8Array): Promise<void> {
  if (await isDirectory(file)) throw new UserError('report.file.is_dir', { file });
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, bytes, { flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {});
    throw new UserError(fileErrorKey((error as NodeJS.ErrnoException).code), { file });
  }
}

/**
 * Whether `file` can be written, checked before the work that fills it, so that a mistyped path
 * fails at once; writeFileWhole still reports what only the write itself can find (disk full).
 */
export async function checkWritable(file: string): Promise<void> {
  if (await isDirectory(file)) throw new UserError('report.file.is_dir', { file });
  const folder = dirname(file);
  try {
    if (!(await stat(folder)).isDirectory()) throw Object.assign(new Error(folder), { code: 'ENOTDIR' });
    await access(folder, constants.W_OK);
  } catch (error) {
    throw new UserError(fileErrorKey((error as NodeJS.ErrnoException).code), { file });
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function fileErrorKey(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'report.file.no_dir';
    case 'EACCES':
    case 'EPERM':
      return 'report.file.denied';
    case 'EISDIR':
      return 'report.file.is_dir';
    case 'EROFS':
      return 'report.file.read_only';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'report.file.full';
    default:
      return 'report.file.failed';
  }
}
