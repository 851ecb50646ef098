/**
 * Prints bench-results.json (or the file given) as the Markdown tables of BENCHMARKS.md: the
 * figures with their floors, ratios and goals, then each CPU profile's top places and functions.
 * `npx tsx scripts/bench-markdown.ts [bench-results.json]`; paste what it prints in BENCHMARKS.md.
 */
import { readFileSync } from 'node:fs';
import type { Figure } from './bench-report.ts';

interface Results {
  started: Record<string, string>;
  ended: Record<string, string>;
  settings: Record<string, unknown>;
  figures: Figure[];
  notes: Record<string, { cpuMs?: number; places?: Row[]; functions?: Row[] } | unknown>;
}

interface Row {
  name: string;
  ms: number;
  share: number;
}

const file = process.argv[2] ?? 'bench-results.json';
const results = JSON.parse(readFileSync(file, 'utf8')) as Results;
const num = (n: number) => (Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en') : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));
const cell = (s: string) => s.replace(/\|/g, '\\|');

console.log(`Measured ${results.started.date} → ${results.ended.date}; ${results.started.cpus}; Node ${results.started.node}; PostgreSQL ${results.started.postgres};`);
console.log(`load average (1, 5, 15 min) ${results.started.load} at the start, ${results.ended.load} at the end; mode ${String(results.settings.mode)}.\n`);
console.log('| driver | figure | measured | floor | ratio | goal | met | load |');
console.log('| --- | --- | ---: | ---: | ---: | --- | --- | ---: |');
for (const f of results.figures) {
  const floor = f.floor !== undefined ? `${num(f.floor)} ${f.unit}` : '';
  const ratio = f.ratio !== undefined ? `${f.ratio.toFixed(2)}×` : '';
  const met = f.met === undefined ? '' : f.met ? 'yes' : '**no**';
  console.log(`| ${f.driver} | ${cell(f.name)} | ${num(f.value)} ${f.unit} | ${floor} | ${ratio} | ${cell(f.goal ?? '')} | ${met} | ${f.load ?? ''} |`);
}
for (const [key, value] of Object.entries(results.notes)) {
  if (!key.startsWith('profile ')) continue;
  const profile = value as { cpuMs: number; places: Row[]; functions: Row[] };
  console.log(`\n${key.slice('profile '.length)}: ${(profile.cpuMs / 1000).toFixed(1)} s of CPU sampled during the load\n`);
  console.log('| share | self time | where / function |');
  console.log('| ---: | ---: | --- |');
  for (const r of profile.places.slice(0, 8)) console.log(`| ${(r.share * 100).toFixed(1)} % | ${r.ms.toFixed(0)} ms | ${cell(r.name)} |`);
  console.log('| | | **top functions** |');
  for (const r of profile.functions.slice(0, 15)) console.log(`| ${(r.share * 100).toFixed(1)} % | ${r.ms.toFixed(0)} ms | \`${cell(r.name.replace('/work/main/node_modules/', ''))}\` |`);
}
