import { UserError } from '../../db/errors.ts';
import { type IsoDate, isIsoDate, todayIn } from '../../db/work-year.ts';
import type { Deps } from '../deps.ts';
import { type CliArgs, type CliStream, writeLine } from './types.ts';

/** The day a report is "as of": `--at`, else today in TZ_APP (not the machine's zone). */
export function reportDate(deps: Deps, args: CliArgs): IsoDate {
  const at = args.flags.at;
  if (at === undefined) return todayIn(deps.config.timeZone, deps.now());
  if (!isIsoDate(at)) throw new UserError('cli.bad_date', { value: at });
  return at;
}

/** `--json`: the object and nothing else on stdout, so that scripts can pipe it. */
export function writeJson(stream: CliStream, value: unknown): void {
  writeLine(stream, JSON.stringify(value, null, 2));
}
