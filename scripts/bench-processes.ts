/**
 * Servers as their own processes, for the benches that measure a server as an operator runs it:
 * its throughput under a load from another process, its resident memory read from /proc, its CPU
 * profile. Also the Bot API stand-in those servers answer through.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** A free TCP port on loopback (asked of the system, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Resident memory now, in MB (VmRSS of /proc/<pid>/status). */
  rssMb(): number;
  /** SIGTERM, and waits for the exit (SIGKILL after 20 s). */
  stop(): Promise<void>;
}

/**
 * Starts `script` (relative to the repository) with `node --import tsx [nodeArgs]`, as `npm start`
 * runs server/node.ts (tsx's loader in the server's own process, so its pid is the server's), on a
 * free port; resolves once GET /healthz answers 200.
 */
export async function startServerProcess(script: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', ...nodeArgs, script], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited (${child.exitCode}) before answering: ${stderr}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${script} did not answer /healthz within 180 s: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    child,
    url,
    rssMb: () => rssMb(child.pid!),
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** VmRSS of a process, in MB. */
export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN) / 1024;
}

/** A Bot API stand-in on loopback that answers every method at once (sendMessage with a message). */
export function startBotApiStandIn(): Promise<{ url: string; sent: () => number; close(): Promise<void> }> {
  let sent = 0;
  const server = createServer(async (req, res) => {
    const body = await readJson(req);
    const method = req.url?.split('/').pop() ?? '';
    let result: unknown = true;
    if (method === 'getMe') result = { id: 100200, is_bot: true, first_name: 'THADS', username: 'thads_bench_bot' };
    else if (method === 'sendMessage') {
      sent += 1;
      result = { message_id: sent, date: Math.floor(Date.now() / 1000), chat: { id: body.chat_id, type: 'private' }, text: body.text };
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        sent: () => sent,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    );
  });
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A forked helper script (tsx) that answers one IPC plan with one result at a time. */
export async function startHelper(script: string): Promise<{ child: ChildProcess; run<P, R>(plan: P): Promise<R> }> {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', resolve);
  });
  return {
    child,
    run: <P, R>(plan: P) =>
      new Promise<R>((resolve, reject) => {
        child.once('message', (m: { type: 'done'; result: R } | { type: 'failed'; error: string }) =>
          m.type === 'done' ? resolve(m.result) : reject(new Error(m.error)),
        );
        child.send({ type: 'run', plan });
      }),
  };
}
