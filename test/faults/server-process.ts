/** `npm start` for real, for the fault tests: the Node entry in its own process, over HTTP. */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');

export interface ServerProcess {
  process: ChildProcess;
  /** Its address, from the start-up banner. */
  url: string;
  output: () => string;
  exited: Promise<void>;
  /** Sends `signal` (SIGKILL by default) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** The admin's PostgreSQL: these tests cut it, kill processes over it and need a real server. */
export function requirePostgres(): string {
  const url = process.env.DATABASE_URL;
  if (!url?.startsWith('postgres')) throw new Error('the fault tests need DATABASE_URL=postgres://… (a server where they may create databases)');
  return url;
}

/** Starts the server with only the variables given (nothing inherited but PATH and HOME) and waits for its banner. */
export async function startServerProcess(env: Record<string, string>, ms = 120_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/node.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'never', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + ms;
  for (;;) {
    const url = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    if (url) {
      return {
        process: child,
        url,
        output: () => out,
        exited,
        async kill(signal: NodeJS.Signals = 'SIGKILL') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      };
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A port nothing listens on now. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
