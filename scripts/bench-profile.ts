/**
 * A CPU profile of the app under load: server/node.ts started with a preloaded hook
 * (scripts/bench-profile-hook.ts) whose V8 profiler is started by a signal once the server is up
 * and warm, and stopped by another after the load, then its samples added up by function (self time) and
 * by where the code lives (the app's own folders, each package in node_modules, Node's internals),
 * the top ones printed and kept in bench-results.json. The .cpuprofile files stay in
 * .bench/profiles/ (gitignored) for Chrome's DevTools or speedscope.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type ServerProcess, repoRoot, startServerProcess } from './bench-processes.ts';
import { notes } from './bench-report.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
  share: number;
}

/** Where a script lives, in a word: server/…, db/…, a package's name, or node: for Node's own. */
function placeOf(url: string): string {
  if (!url) return '(native code, GC, program)';
  if (url.startsWith('node:')) return 'node: (Node internals)';
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1]!;
  const own = /\/(server|db|bot|jobs|scripts)\//.exec(url);
  return own ? `${own[1]}/ (the app)` : url;
}

/** Self time by function and by place, sorted, idle excluded from the shares. */
export function summarise(profile: CpuProfile): { functions: SelfTime[]; places: SelfTime[]; totalMs: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const fn = new Map<string, number>();
  const place = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    if (!frame || frame.functionName === '(idle)') return;
    total += ms;
    const file = frame.url.replace(/^file:\/\//, '').replace(repoRoot, '');
    const name = `${frame.functionName || '(anonymous)'} ${file ? `${file}:${frame.lineNumber + 1}` : ''}`.trim();
    fn.set(name, (fn.get(name) ?? 0) + ms);
    place.set(placeOf(frame.url), (place.get(placeOf(frame.url)) ?? 0) + ms);
  });
  const sorted = (m: Map<string, number>) =>
    [...m].map(([name, ms]) => ({ name, ms, share: ms / total })).sort((a, b) => b.ms - a.ms);
  return { functions: sorted(fn), places: sorted(place), totalMs: total };
}

/** Starts the app under --cpu-prof with `env`, runs `load` against it, stops it and prints the profile. */
/**
 * Starts the app with the profiling hook and `env`, runs `warm` then `load` against it (profiled
 * from the start of `load` to its end), stops it and prints the profile.
 */
export async function profileUnderLoad(
  env: Record<string, string>,
  warm: (server: ServerProcess) => Promise<void>,
  load: (server: ServerProcess) => Promise<void>,
  label: string,
): Promise<void> {
  const dir = join(repoRoot, '.bench', 'profiles');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${label}.cpuprofile`);
  rmSync(file, { force: true });
  const server = await startServerProcess('server/node.ts', { ...env, BENCH_PROFILE_FILE: file }, ['--import', './scripts/bench-profile-hook.ts']);
  try {
    await warm(server);
    server.child.kill('SIGUSR2');
    await load(server);
    server.child.kill('SIGUSR2');
    for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    await server.stop();
  }
  if (!existsSync(file)) {
    console.log(`  no profile written to ${file}`);
    return;
  }
  const { functions, places, totalMs } = summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  const pct = (s: SelfTime) => `${(s.share * 100).toFixed(1).padStart(5)} %  ${s.ms.toFixed(0).padStart(6)} ms  ${s.name}`;
  console.log(`  ${(totalMs / 1000).toFixed(1)} s of CPU sampled during the load (idle excluded); profile: ${file.replace(repoRoot, '')}`);
  console.log('  self time by where the code lives:');
  for (const s of places.slice(0, 12)) console.log(`    ${pct(s)}`);
  console.log('  top functions by self time:');
  for (const s of functions.slice(0, 20)) console.log(`    ${pct(s)}`);
  notes[`profile ${label}`] = { cpuMs: Math.round(totalMs), places: places.slice(0, 12), functions: functions.slice(0, 25) };
}
