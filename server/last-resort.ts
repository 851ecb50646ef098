import { t } from '../bot/i18n/index.ts';

/**
 * The last resort of the `thads` and console processes: an error thrown from a library's own timer
 * reaches no caller — postgres.js 3.4.9 can write to a socket it has just dropped when the running
 * server it used stops under a command (its nextWrite after closed()). Say it in one line in the
 * person's language (`--lang en`, else Vietnamese), never a stack trace, and exit 1.
 */
export function exitOnUncaught(argv: readonly string[], stderr: { write(text: string): unknown }): void {
  const lang = argv[argv.indexOf('--lang') + 1] === 'en' ? 'en' : 'vi';
  process.on('uncaughtException', () => {
    stderr.write(`${t(lang, 'cli.interrupted')}\n`);
    process.exit(1);
  });
}
