// `npm start`'s first step: the server as one plain-JavaScript file (dist/server.mjs), so that
// running it needs neither tsx nor its esbuild service (about 110 MB resident, issue 15).
// Packages stay outside the bundle (node_modules is read as usual); only our TypeScript is
// bundled. Takes about a second, so it runs at every start and can never be stale.
import { readFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
// Another folder under the project may be named (the test builds into its own); packages are
// found from wherever the bundle sits, so it must stay inside the project.
const outdir = process.argv[2] ?? `${root}dist`;

// Files that find their neighbours through import.meta.url (the migrations folder, bree's
// worker shim, font resolution) get it pointing at their source file, relative to the bundle.
const sourceUrls = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/, namespace: 'file' }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const fromBundle = relative(outdir, args.path).split('\\').join('/');
      const url = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: args.path.endsWith('x') ? 'tsx' : 'ts', resolveDir: dirname(args.path) };
    });
  },
};

await build({
  entryPoints: { server: `${root}server/node.ts` },
  outdir,
  outExtension: { '.js': '.mjs' },
  // Modules imported with import() stay in chunks of their own, loaded on first use (exceljs).
  splitting: true,
  chunkNames: '[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  plugins: [sourceUrls],
  logLevel: 'warning',
});
