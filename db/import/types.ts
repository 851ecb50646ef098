import type { ChangeSink } from '../result-cache.ts';
import type { Channel } from '../schema.ts';
import type { IsoDate } from '../work-year.ts';

export const importKinds = ['units', 'staff', 'cases', 'collections', 'targets', 'inspections', 'findings'] as const;
export type ImportKind = (typeof importKinds)[number];

/** One thing wrong in a file: `code` is an i18n key (bot/i18n/…/import.ts), `params` fill it. */
export interface ImportIssue {
  /** Physical line where the record starts; the header is line 1. */
  line: number;
  /** The CSV column, or '' when the issue is about the whole line or file. */
  column: string;
  code: string;
  params: Record<string, string | number>;
}

export interface ImportResult {
  kind: ImportKind;
  /** Data records read (blank lines not counted). */
  rows: number;
  inserted: number;
  updated: number;
  dryRun: boolean;
  issues: ImportIssue[];
  /** True when more issues were found than `maxIssues` allowed to list. */
  truncated: boolean;
}

export interface ImportOptions {
  /**
   * Check everything, the database references included, and keep nothing: the rows are
   * written and rolled back, so `inserted`/`updated` say what a real import would do.
   */
  dryRun?: boolean;
  actor: { staffId?: number; label: string };
  /**
   * Today in TZ_APP, from the caller's clock: the dates of what has happened (decisions,
   * acceptance, statuses, verifications, collections, conclusions) may not be after it, and
   * deadlines (`due_date`) not more than five years past it.
   */
  today: IsoDate;
  channel: Channel;
  /** Told what a committed import changed (db/result-cache.ts); nothing for a dry run or a refused file. */
  changes: ChangeSink;
  /**
   * Called about every 1,000 rows: first while the file is read and checked ('read'), then,
   * for a clean file, while rows are written ('write'; out of `rows`, now known).
   */
  onProgress?: (rowsDone: number, phase: 'read' | 'write') => void;
  /** Issues listed at most (default 50); all files with any issue are refused anyway. */
  maxIssues?: number;
}

export type ImportInput = string | Uint8Array | AsyncIterable<Uint8Array | string>;

export function isImportKind(s: string): s is ImportKind {
  return (importKinds as readonly string[]).includes(s);
}
