/**
 * `npm run build:worker`: bundles the Worker as `wrangler deploy` would (--dry-run: nothing is
 * uploaded) into dist/worker, prints its size, and fails over the budget: 1 MiB gzip (Workers'
 * free plan limit is 3 MiB, the paid one 10 MiB; a smaller script also starts faster).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const OUT = 'dist/worker';
const BUDGET = 1024 * 1024;

rmSync(OUT, { recursive: true, force: true });
execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', OUT], { stdio: ['ignore', 'inherit', 'inherit'] });

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
