/**
 * The `thads` command line (`npm run thads -- <command>`, `npx thads`). The only CLI file that
 * touches `process`: everything else takes its arguments, environment and streams as values.
 */
import { runCli } from './cli/main.ts';
import { exitOnUncaught } from './last-resort.ts';

exitOnUncaught(process.argv, process.stderr);

// `thads overdue BH | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const code = await runCli(process.argv.slice(2), process.env, {
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: process.stderr.isTTY === true,
});
// Exit explicitly (a pool or timer left open must not keep the shell waiting), after stdout drains.
await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
process.exit(code);
