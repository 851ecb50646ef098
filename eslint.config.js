// Lint: the recommended rules of ESLint and typescript-eslint (syntax-only, so it stays fast).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
  // A platform is one folder: grammY only in bot/telegram/, Slack's packages only in bot/slack/.
  {
    files: ['bot/**/*.ts', 'jobs/**/*.ts', 'server/**/*.ts', 'db/**/*.ts'],
    ignores: ['bot/telegram/**', 'bot/slack/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['grammy', 'grammy/*', '@grammyjs/*'], message: 'grammY belongs in bot/telegram/ (a platform is one folder).' },
            { group: ['@slack/*'], message: "Slack's packages belong in bot/slack/ (a platform is one folder)." },
          ],
        },
      ],
    },
  },
);
