import type { Locale } from '../../bot/i18n/index.ts';
import type { Deps } from '../deps.ts';

/** Where a command writes: the real stdout/stderr in the binary, collectors in tests. */
export interface CliStream {
  write(text: string): unknown;
}

export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  /** stderr is a terminal: progress bars may be drawn on it. */
  isTTY: boolean;
}

/** Every flag the CLI knows; each command accepts a subset (see `CliCommand.flags`). */
export interface CliFlags {
  help?: boolean;
  lang?: string;
  json?: boolean;
  at?: string;
  'dry-run'?: boolean;
  limit?: string;
  now?: string;
  failed?: boolean;
  open?: boolean;
  /** The XLSX file `thads report` writes. */
  xlsx?: string;
}

export type FlagName = 'json' | 'at' | 'dry-run' | 'limit' | 'now' | 'failed' | 'open' | 'xlsx';

export interface CliArgs {
  positionals: string[];
  flags: CliFlags;
  locale: Locale;
}

export interface CliCommand {
  /** One word, or two for a command of a group (`jobs run`). */
  name: string;
  /** Positional arguments as shown in the usage, e.g. `<unit>` (required) or `[unit]` (optional, last). */
  args: string[];
  flags: FlagName[];
  /** Returns the exit status; throws UserError (exit 1) or UsageError (exit 2). */
  run(deps: Deps, args: CliArgs, io: CliIo): Promise<number>;
}

/** A command line that does not fit the usage: exit 2, with the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    /** The command whose usage to show; none for the general usage. */
    readonly command?: string,
  ) {
    super(message);
  }
}

export function writeLine(stream: CliStream, text = ''): void {
  stream.write(`${text}\n`);
}
