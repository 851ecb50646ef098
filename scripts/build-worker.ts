/**
 * `npm run build:worker`: bundles the Worker as `wrangler deploy` would (--dry-run: nothing is
 * uploaded) into dist/worker, prints its size, and fails over the budget: 1 MiB gzip (Workers'
 * free plan limit is 3 MiB, the paid one 10 MiB; a smaller script also starts faster). It also
 * fails when a Node-only package got in (esbuild's metafile lists every input): PGlite, bree,
 * date-holidays and the native chart renderer have no place on workerd.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const OUT = 'dist/worker';
const BUDGET = 1024 * 1024;
const META = 'dist/worker-meta.json';
const NODE_ONLY = ['@electric-sql/pglite', 'bree', 'date-holidays', 'moment-timezone', '@resvg/resvg-js', 'echarts', 'pino'];

rmSync(OUT, { recursive: true, force: true });
execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', OUT, '--metafile', META], { stdio: ['ignore', 'inherit', 'inherit'] });

const inputs = Object.keys((JSON.parse(readFileSync(META, 'utf8')) as { inputs: Record<string, unknown> }).inputs);
const strays = NODE_ONLY.filter((pkg) => inputs.some((path) => path.includes(`node_modules/${pkg}/`)));
if (strays.length > 0) {
  process.stderr.write(`The Worker bundle holds Node-only packages: ${strays.join(', ')}. Find the import that reached them in ${META}.\n`);
  process.exit(1);
}

let raw = 0;
let gzip = 0;
for (const file of readdirSync(OUT)) {
  if (!/\.(js|mjs|wasm)$/.test(file)) continue; // source maps and README are not uploaded as code
  const bytes = readFileSync(join(OUT, file));
  raw += bytes.length;
  gzip += gzipSync(bytes).length;
}
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
process.stdout.write(`Worker bundle: ${kib(raw)} raw, ${kib(gzip)} gzip (budget ${kib(BUDGET)} gzip)\n`);
if (gzip > BUDGET) {
  process.stderr.write(`The Worker bundle is over its budget by ${kib(gzip - BUDGET)}: see what grew with --metafile.\n`);
  process.exit(1);
}
