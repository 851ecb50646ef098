import type { Channel } from '../schema.ts';

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
  /** Check everything, the database references included, and write nothing. */
  dryRun?: boolean;
  actor: { staffId?: number; label: string };
  channel: Channel;
  /** Called about every 1,000 records read and checked. */
  onProgress?: (rowsDone: number) => void;
  /** Issues listed at most (default 50); all files with any issue are refused anyway. */
  maxIssues?: number;
}

export type ImportInput = string | Uint8Array | AsyncIterable<Uint8Array | string>;

export function isImportKind(s: string): s is ImportKind {
  return (importKinds as readonly string[]).includes(s);
}
