/**
 * `npm run console -- --as <staff-code>`: chat with the bot in a terminal. Like server/cli.ts,
 * the only file here that touches `process`.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { commands } from '../bot/commands/index.ts';
import { t } from '../bot/i18n/index.ts';
import { getPersonByCode } from '../db/identity.ts';
import { isConnectionLost } from '../db/errors.ts';
import { DatabaseOpenError } from '../db/pglite-dir.ts';
import { DatabaseInUseError } from '../db/pglite-lock.ts';
import { ConfigError, parseConfig } from './config.ts';
import { createConsoleSession } from './console-session.ts';
import { exitOnUncaught } from './last-resort.ts';
import { createDeps } from './deps.ts';
import { createLogger } from './logger.ts';

exitOnUncaught(process.argv, process.stderr);

const { values } = parseArgs({ options: { as: { type: 'string' }, lang: { type: 'string' } }, strict: true });
const locale = values.lang === 'en' || (values.lang === undefined && process.env.DEFAULT_LOCALE === 'en') ? 'en' : 'vi';
if (!values.as) {
  process.stderr.write('Cách dùng / usage: npm run console -- --as <mã cán bộ / staff code> [--lang vi|en]   (ví dụ: --as BH-DS-CHV01)\n');
  process.exit(2);
}

let server: { pid: number } | undefined;
try {
  // As the CLI: a person at a terminal sees warnings and errors only, also where LOG_LEVEL is set empty.
  const config = parseConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL || 'warn' });
  // Beside a running server on the embedded database: through its socket (db/pglite-share.ts).
  const deps = await createDeps(config, createLogger(config.logLevel), undefined, { throughRunningServer: true });
  const shared = deps.dbHandle.viaServer;
  server = shared;
  if (shared) process.stderr.write(`${t(locale, 'cli.via_server', { pid: shared.pid, socket: shared.socket })}\n`);
  const person = await getPersonByCode(deps.db, values.as);
  if (!person) {
    process.stderr.write(`Không tìm thấy cán bộ "${values.as}" (no such staff member).\n`);
    await deps.dbHandle.close();
    process.exit(1);
  }
  const session = createConsoleSession({ deps, commands }, person);
  process.stdout.write(`${person.name} (${person.code}, ${person.unitName}). Gõ /trogiup để xem lệnh; Ctrl+D để thoát.\n`);
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' });
  rl.prompt();
  for await (const line of rl) {
    const answer = await session.handle(line);
    if (answer) process.stdout.write(`${answer}\n`);
    rl.prompt();
  }
  await deps.dbHandle.close();
} catch (error) {
  if (error instanceof ConfigError || error instanceof DatabaseInUseError || error instanceof DatabaseOpenError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  if (server && isConnectionLost(error)) {
    process.stderr.write(`${t(locale, 'cli.server_gone', { pid: server.pid })}\n`);
    process.exit(1);
  }
  throw error;
}
