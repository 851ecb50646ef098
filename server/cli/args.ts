import { parseArgs } from 'node:util';
import { type Locale, t } from '../../bot/i18n/index.ts';
import { findCommand } from './registry.ts';
import { type CliArgs, type CliCommand, type CliFlags, UsageError } from './types.ts';

const options = {
  help: { type: 'boolean', short: 'h' },
  lang: { type: 'string' },
  json: { type: 'boolean' },
  at: { type: 'string' },
  'dry-run': { type: 'boolean' },
  limit: { type: 'string' },
  now: { type: 'string' },
  failed: { type: 'boolean' },
  open: { type: 'boolean' },
  xlsx: { type: 'string' },
} as const;

const globalFlags = new Set(['help', 'lang']);

export type ParsedCommandLine =
  | { kind: 'help'; locale: Locale; command?: string }
  | { kind: 'usage'; locale: Locale; error: UsageError }
  | { kind: 'run'; command: CliCommand; args: CliArgs };

/**
 * Reads the whole command line with one parser (so `--lang en` may stand anywhere), then
 * checks the flags and arguments against the command. `fallback` is DEFAULT_LOCALE.
 */
export function parseCommandLine(argv: string[], fallback: Locale): ParsedCommandLine {
  // The language is needed to word the errors below, so find it before anything can fail.
  let locale = sniffLocale(argv) ?? fallback;
  let values: CliFlags;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true }));
  } catch (error) {
    return { kind: 'usage', locale, error: describeParseError(error, locale, argv[0]) };
  }
  if (values.lang !== undefined) {
    if (values.lang !== 'vi' && values.lang !== 'en') {
      return { kind: 'usage', locale, error: new UsageError(t(locale, 'cli.usage.bad_lang', { lang: values.lang })) };
    }
    locale = values.lang;
  }
  // A command of a group (`jobs run`) is named by its first two words.
  const grouped = positionals.length > 1 && findCommand(`${positionals[0]} ${positionals[1]}`) !== undefined;
  const [name, ...rest] = grouped ? [`${positionals[0]} ${positionals[1]}`, ...positionals.slice(2)] : positionals;
  if (name === undefined) {
    return values.help
      ? { kind: 'help', locale }
      : { kind: 'usage', locale, error: new UsageError(t(locale, 'cli.usage.no_command')) };
  }
  if (name === 'help') return { kind: 'help', locale, command: findCommand(`${rest[0]} ${rest[1]}`) ? `${rest[0]} ${rest[1]}` : rest[0] };
  if (name === 'jobs') return { kind: 'usage', locale, error: new UsageError(t(locale, 'cli.usage.jobs_subcommand')) };
  const command = findCommand(name);
  if (!command) {
    return { kind: 'usage', locale, error: new UsageError(t(locale, 'cli.usage.unknown_command', { command: name })) };
  }
  if (values.help) return { kind: 'help', locale, command: name };
  for (const flag of Object.keys(values)) {
    if (!globalFlags.has(flag) && !(command.flags as string[]).includes(flag)) {
      const error = new UsageError(t(locale, 'cli.usage.flag_not_for_command', { flag: `--${flag}`, command: name }), name);
      return { kind: 'usage', locale, error };
    }
  }
  // Arguments written `[unit]` may be left out; the others are required.
  const required = command.args.filter((a) => !a.startsWith('[')).length;
  if (rest.length < required || rest.length > command.args.length) {
    const key = rest.length < required ? 'cli.usage.missing_argument' : 'cli.usage.extra_argument';
    const missing = command.args[rest.length] ?? '';
    const extra = rest[command.args.length] ?? '';
    return { kind: 'usage', locale, error: new UsageError(t(locale, key, { argument: missing || extra, command: name }), name) };
  }
  return { kind: 'run', command, args: { positionals: rest, flags: values, locale } };
}

function sniffLocale(argv: string[]): Locale | undefined {
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i] === '--lang' ? argv[i + 1] : argv[i]?.startsWith('--lang=') ? argv[i]!.slice(7) : undefined;
    if (value === 'vi' || value === 'en') return value;
  }
  return undefined;
}

/** Node's parseArgs messages are long and English only: keep the flag name, reword the rest. */
function describeParseError(error: unknown, locale: Locale, command: string | undefined): UsageError {
  const code = (error as { code?: string }).code;
  const flag = /'(-[^' ]*)/.exec(String((error as Error).message))?.[1] ?? '';
  const key =
    code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      ? 'cli.usage.unknown_flag'
      : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
        ? 'cli.usage.flag_value'
        : 'cli.usage.bad_arguments';
  const known = command && findCommand(command) ? command : undefined;
  return new UsageError(t(locale, key, { flag, reason: String((error as Error).message) }), known);
}
