import { inspect } from 'node:util';
import { DatabaseOpenError } from '../db/pglite-dir.ts';
import { DatabaseInUseError } from '../db/pglite-lock.ts';
import { ConfigError } from './config.ts';
import { type RunningServer, StartupError, startServer } from './start.ts';

// The Node entry (`npm start`): the only place that reads process.env, prints and exits.

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  let running: RunningServer;
  try {
    running = await startServer({ env: process.env, announce: say });
  } catch (error) {
    // The operator's to fix, and the message says how: no stack trace.
    if (error instanceof ConfigError || error instanceof DatabaseInUseError || error instanceof DatabaseOpenError || error instanceof StartupError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  process.stdout.write(running.banner);

  let signals = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      process.stderr.write(`${signal} again: exiting without waiting.\n`);
      process.exit(1);
    }
    say(`${signal}: stopping (again to force)…`);
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        running.deps.logger.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  const code = (error as { code?: unknown }).code;
  // A database that cannot be reached is a set-up problem; anything else is ours, stack included.
  if (typeof code === 'string' && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|28P01|28000|3D000)$/.test(code)) {
    process.stderr.write(`Cannot open the database (DATABASE_URL): ${(error as Error).message}\n`);
  } else {
    // Something thrown that is no Error still prints what it holds, never "[object Object]".
    const text = error instanceof Error ? (error.stack ?? error.message) : inspect(error, { depth: 3, breakLength: Infinity });
    process.stderr.write(`Start-up failed: ${text}\n`);
  }
  process.exit(1);
});
