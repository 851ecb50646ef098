import type { ImportIssue } from './types.ts';

export type IssueParams = Record<string, string | number>;

/** Collects a file's issues, keeping the first `max` but counting them all. */
export class IssueList {
  readonly list: ImportIssue[] = [];
  count = 0;

  constructor(private readonly max: number) {}

  add(line: number, column: string, code: string, params: IssueParams = {}): void {
    this.count++;
    if (this.list.length < this.max) this.list.push({ line, column, code, params });
  }

  /** How many more issues can be listed. */
  get room(): number {
    return this.max - this.list.length;
  }

  get truncated(): boolean {
    return this.count > this.list.length;
  }
}
