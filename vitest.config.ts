import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  // The web pages are Hono JSX (server/web/*.tsx), compiled as tsconfig.json says for tsc and tsx.
  oxc: { jsx: { runtime: 'automatic', importSource: 'hono/jsx' } },
  test: {
    include: ['test/**/*.test.ts'],
    // The browser tests need Chromium: `npm run test:browser` (vitest.browser.config.ts); the
    // fault tests take minutes and PostgreSQL: `npm run test:faults` (vitest.faults.config.ts);
    // the Workers tests run in workerd: `npm run test:worker` (vitest.worker.config.ts).
    exclude: [...configDefaults.exclude, 'test/browser/**', 'test/faults/**', 'test/worker/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite instances are memory-hungry and the machines have 2 cores.
    maxWorkers: 2,
  },
});
