import { defineConfig } from 'vitest/config';

// `npm run test:browser`: the pages in a real browser (Debian's Chromium through playwright-core)
// against a real server. Kept out of `npm test`, which needs no browser.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'hono/jsx' } },
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One browser and one server: the files run one after another.
    maxWorkers: 1,
  },
});
