/** What the bench scripts share: percentiles, a throwaway PostgreSQL database, a load process. */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';

/** The server that benches create their databases on (`BENCH_DATABASE_URL`). */
export const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The value below which `p` percent of `sorted` (ascending) lie. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** `p50 … ms, p95 … ms, max … ms` for the given percentiles. */
export function describeTimes(times: readonly number[], percents: readonly number[] = [50, 95]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const parts = percents.map((p) => `p${p} ${percentile(sorted, p).toFixed(1)} ms`);
  return [...parts, `max ${sorted.at(-1)!.toFixed(1)} ms`].join(', ');
}

/**
 * Runs `run` with the URL of a new database named `<prefix>_<random>`, dropped afterwards;
 * undefined, after saying why, when the server cannot be reached.
 */
export async function withThrowawayDatabase<T>(prefix: string, label: string, run: (url: string) => Promise<T>): Promise<T | undefined> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    console.log(`[${label}] PostgreSQL run skipped (${adminUrl}: ${(error as Error).message})`);
    await admin.end();
    return undefined;
  }
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await run(url.toString());
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** A load generator in a second process (a script next to this one); resolves once it says where its stand-in listens. */
export function startLoadProcess(script: string): Promise<{ child: ChildProcess; standInUrl: string }> {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (m: { type: string; url: string }) => resolve({ child, standInUrl: m.url }));
  });
}

/** Sends the load process its plan and waits for its result. */
export function runLoad<Plan, Result>(child: ChildProcess, plan: Plan): Promise<Result> {
  return new Promise((resolve, reject) => {
    child.once('message', (m: { type: 'done'; result: Result } | { type: 'failed'; error: string }) =>
      m.type === 'done' ? resolve(m.result) : reject(new Error(m.error)),
    );
    child.send({ type: 'run', plan });
  });
}
