// Lint: the recommended rules of ESLint and typescript-eslint (syntax-only, so it stays fast).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// SQL is written in db/ only: the layers above call its functions (issue 9).
const sqlOnlyInDb = {
  patterns: [
    {
      group: ['drizzle-orm', 'drizzle-orm/*'],
      message: 'SQL belongs in db/: add or use a db/ function instead of importing drizzle-orm here.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'db/migrations/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['bot/**', 'jobs/**', 'server/**'],
    rules: { 'no-restricted-imports': ['error', sqlOnlyInDb] },
  },
  {
    // until refactor/turn lands: the Slack modal's case search and update claim still query directly.
    files: ['bot/slack/report-modal-search.ts', 'bot/slack/report-modal-submit.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
