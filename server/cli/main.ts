import { inspect } from 'node:util';
import { type Locale, t } from '../../bot/i18n/index.ts';
import { isConnectionLost, UserError } from '../../db/errors.ts';
import { DatabaseOpenError } from '../../db/pglite-dir.ts';
import { DatabaseInUseError } from '../../db/pglite-lock.ts';
import { type Config, ConfigError, parseConfig } from '../config.ts';
import { createDeps, type Deps } from '../deps.ts';
import { createLogger } from '../logger.ts';
import { type ParsedCommandLine, parseCommandLine } from './args.ts';
import { type CliIo, UsageError, writeLine } from './types.ts';
import { renderUsage } from './usage.ts';

export interface RunCliOptions {
  now?: () => Date;
  /** Opens the dependencies; tests may hand in their own database. */
  openDeps?: (config: Config) => Promise<Deps>;
}

/** The whole `thads` program minus `process`: returns the exit status (0, 1 user error, 2 usage). */
export async function runCli(
  argv: string[],
  env: Record<string, string | undefined>,
  io: CliIo,
  options: RunCliOptions = {},
): Promise<number> {
  const fallback: Locale = env.DEFAULT_LOCALE === 'en' ? 'en' : 'vi';
  const parsed = parseCommandLine(argv, fallback);
  if (parsed.kind !== 'run') return answerWithoutCommand(parsed, io);
  const { locale } = parsed.args;
  const debug = env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace';
  let deps: Deps | undefined;
  try {
    // The CLI talks to a person: only warnings and errors unless LOG_LEVEL asks for more.
    const config = parseConfig({ ...env, LOG_LEVEL: env.LOG_LEVEL || 'warn' });
    // Beside a running server on the embedded database: through its socket (db/pglite-share.ts).
    const open = options.openDeps ?? ((c) => createDeps(c, createLogger(c.logLevel), options.now, { throughRunningServer: true }));
    deps = await open(config);
    const server = deps.dbHandle.viaServer;
    // On stderr: stdout stays the command's own (JSON for --json).
    if (server) writeLine(io.stderr, t(locale, 'cli.via_server', { pid: server.pid, socket: server.socket }));
    return await parsed.command.run(deps, parsed.args, io);
  } catch (error) {
    const server = deps?.dbHandle.viaServer;
    if (server && isConnectionLost(error)) {
      writeLine(io.stderr, t(locale, 'cli.server_gone', { pid: server.pid }));
      return 1;
    }
    return reportError(error, locale, io, debug);
  } finally {
    await deps?.dbHandle.close().catch(() => {});
  }
}

/** Runs a command line against dependencies already open (they stay open): for tests and embedding. */
export async function runWithDeps(deps: Deps, argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine(argv, deps.config.defaultLocale);
  if (parsed.kind !== 'run') return answerWithoutCommand(parsed, io);
  try {
    return await parsed.command.run(deps, parsed.args, io);
  } catch (error) {
    return reportError(error, parsed.args.locale, io, deps.config.logLevel === 'debug' || deps.config.logLevel === 'trace');
  }
}

function answerWithoutCommand(parsed: Exclude<ParsedCommandLine, { kind: 'run' }>, io: CliIo): number {
  if (parsed.kind === 'help') {
    writeLine(io.stdout, renderUsage(parsed.locale, parsed.command));
    return 0;
  }
  return reportError(parsed.error, parsed.locale, io, false);
}

/** The one error boundary of the CLI: a line a person can act on, never a stack trace unless debugging. */
export function reportError(error: unknown, locale: Locale, io: CliIo, debug: boolean): number {
  if (error instanceof UsageError) {
    writeLine(io.stderr, error.message);
    writeLine(io.stderr);
    writeLine(io.stderr, renderUsage(locale, error.command));
    return 2;
  }
  if (error instanceof UserError) {
    writeLine(io.stderr, t(locale, error.code, error.params));
    return 1;
  }
  if (error instanceof ConfigError || error instanceof DatabaseInUseError || error instanceof DatabaseOpenError) {
    writeLine(io.stderr, error.message);
    return 1;
  }
  const message = error instanceof Error ? error.message : inspect(error, { depth: 3, breakLength: Infinity });
  writeLine(io.stderr, t(locale, 'cli.internal_error', { message: message.split('\n')[0] ?? '' }));
  if (debug && error instanceof Error && error.stack) writeLine(io.stderr, error.stack);
  return 1;
}
