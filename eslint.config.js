// Lint: the recommended rules of ESLint and typescript-eslint (syntax-only, so it stays fast).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Each layer imports only what is its own (issue 9): SQL is written in db/ only, and a platform is
// one folder (grammY only in bot/telegram/, Slack's packages only in bot/slack/).
const SQL = { group: ['drizzle-orm', 'drizzle-orm/*'], message: 'SQL belongs in db/: add or use a db/ function instead of importing drizzle-orm here.' };
const GRAMMY = { group: ['grammy', 'grammy/*', '@grammyjs/*'], message: 'grammY belongs in bot/telegram/ (a platform is one folder).' };
const SLACK = { group: ['@slack/*'], message: "Slack's packages belong in bot/slack/ (a platform is one folder)." };
const only = (files, patterns, ignores = []) => ({ files, ignores, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'db/migrations/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  only(['bot/**/*.{ts,tsx}', 'jobs/**/*.{ts,tsx}', 'server/**/*.{ts,tsx}'], [SQL, GRAMMY, SLACK], ['bot/telegram/**', 'bot/slack/**']),
  only(['bot/telegram/**/*.{ts,tsx}'], [SQL, SLACK]),
  only(['bot/slack/**/*.{ts,tsx}'], [SQL, GRAMMY]),
  only(['db/**/*.{ts,tsx}'], [GRAMMY, SLACK]),
);
