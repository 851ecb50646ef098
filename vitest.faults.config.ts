import { configDefaults, defineConfig } from 'vitest/config';

// `npm run test:faults`: the fault tests (test/faults/**), kept out of `npm test` because they
// start server processes, cut PostgreSQL and push tens of thousands of random inputs. The
// tests on real processes need DATABASE_URL (a PostgreSQL server where they may create databases).
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'hono/jsx' } },
  test: {
    include: ['test/faults/**/*.test.ts'],
    exclude: [...configDefaults.exclude],
    // A bound for a hung test, not a figure: 10,000 turns took 90 s here, 5 min at a load of 20 on 2 cores.
    testTimeout: 600_000,
    hookTimeout: 180_000,
    // One file at a time: two servers keeping Telegram's pace (two-instances) must not share the
    // 2 cores with a database cut or 10,000 random turns.
    maxWorkers: 1,
  },
});
