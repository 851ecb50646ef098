import { accessSync, constants, createReadStream, statSync } from 'node:fs';
import { formatCount } from '../../bot/format.ts';
import { importIssueMessage } from '../../bot/i18n/import-issue.ts';
import { t } from '../../bot/i18n/index.ts';
import { UserError } from '../../db/errors.ts';
import { importCsv, importKinds, isImportKind } from '../../db/import/index.ts';
import type { ImportIssue } from '../../db/import/types.ts';
import { todayIn } from '../../db/work-year.ts';
import { startProgress } from './progress.ts';
import { type CliCommand, UsageError, writeLine } from './types.ts';

// Below this a file imports in about a second: a bar would only flicker.
const PROGRESS_MIN_BYTES = 1_000_000;
const MAX_ISSUES = 100;

export const importCommand: CliCommand = {
  name: 'import',
  args: ['<kind>', '<file.csv>'],
  flags: ['dry-run'],
  async run(deps, args, io) {
    const { locale } = args;
    const [kind, file] = args.positionals as [string, string];
    if (!isImportKind(kind)) {
      throw new UsageError(t(locale, 'cli.import.unknown_kind', { kind, kinds: importKinds.join(', ') }), 'import');
    }
    const size = checkReadable(file);
    const dryRun = args.flags['dry-run'] === true;
    const progress = io.isTTY && size >= PROGRESS_MIN_BYTES ? startProgress(io.stderr, file, size, locale) : undefined;
    let rowsDone = 0;
    const result = await importCsv(deps.db, kind, countBytes(createReadStream(file), (bytes) => progress?.update(bytes, rowsDone)), {
      dryRun,
      actor: { label: `thads import ${file}` },
      channel: 'import',
      today: todayIn(deps.config.timeZone, deps.now()),
      changes: deps.cache,
      maxIssues: MAX_ISSUES,
      onProgress: (rows) => {
        rowsDone = rows;
      },
    }).finally(() => progress?.stop());

    if (result.issues.length > 0) {
      for (const issue of result.issues) writeLine(io.stderr, describeIssue(file, issue, locale));
      if (result.truncated) writeLine(io.stderr, t(locale, 'cli.import.more_issues', { shown: result.issues.length }));
      writeLine(io.stderr, t(locale, 'cli.import.nothing_imported', { file }));
      return 1;
    }
    const n = (value: number) => formatCount(value, locale);
    const line = t(locale, 'cli.import.done', { file, rows: n(result.rows), inserted: n(result.inserted), updated: n(result.updated) });
    writeLine(io.stdout, dryRun ? `${line} ${t(locale, 'cli.import.dry_run')}` : line);
    return 0;
  },
};

/** `file:line: column: message`, the shape editors and CI logs link to the place. */
export function describeIssue(file: string, issue: ImportIssue, locale: 'vi' | 'en'): string {
  const message = importIssueMessage(locale, issue);
  return issue.column ? `${file}:${issue.line}: ${issue.column}: ${message}` : `${file}:${issue.line}: ${message}`;
}

/** Fails early with a person's words rather than a stream error half-way through a transaction. */
function checkReadable(file: string): number {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new UserError('cli.import.not_a_file', { file });
    accessSync(file, constants.R_OK);
    return stat.size;
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new UserError(code === 'ENOENT' ? 'cli.import.file_not_found' : 'cli.import.unreadable', { file, reason: code });
  }
}

async function* countBytes(source: AsyncIterable<Uint8Array>, onBytes: (total: number) => void): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    onBytes(total);
    yield chunk;
  }
}
