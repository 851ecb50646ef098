import { configDefaults, defineConfig } from 'vitest/config';

// `npm run test:faults`: whole processes, real PostgreSQL (DATABASE_URL), stand-ins for the platforms.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'hono/jsx' } },
  test: {
    include: ['test/faults/**/*.test.ts'],
    exclude: [...configDefaults.exclude],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    maxWorkers: 1,
  },
});
