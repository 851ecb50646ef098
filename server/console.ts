/**
 * `npm run console -- --as <staff-code>`: chat with the bot in a terminal. Like server/cli.ts,
 * the only file here that touches `process`.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { commands } from '../bot/commands/index.ts';
import { getPersonByCode } from '../db/identity.ts';
import { DatabaseInUseError } from '../db/pglite-lock.ts';
import { ConfigError, parseConfig } from './config.ts';
import { createConsoleSession } from './console-session.ts';
import { createDeps } from './deps.ts';
import { createLogger } from './logger.ts';

const { values } = parseArgs({ options: { as: { type: 'string' } }, strict: true });
if (!values.as) {
  process.stderr.write('Cách dùng / usage: npm run console -- --as <mã cán bộ / staff code>   (ví dụ: --as BH-DS-CHV01)\n');
  process.exit(2);
}

try {
  const config = parseConfig({ LOG_LEVEL: 'warn', ...process.env });
  const deps = await createDeps(config, createLogger(config.logLevel));
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
  if (error instanceof ConfigError || error instanceof DatabaseInUseError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
