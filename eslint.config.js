import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'migrations', 'bin', 'tests/e2e/artifacts', 'bench/out'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(?!platform/)[a-z-]+/tables$',
              message:
                'A feature uses another feature through its service.ts or contract.ts, never its tables.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/platform/shared/api.ts', 'src/platform/shared/dates.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='z'][callee.property.name='string']",
          message:
            'Use str() from platform/shared/api: it refuses NUL and lone surrogates, which PostgreSQL cannot store.',
        },
        {
          selector: "MemberExpression[object.name='z'][property.name='iso']",
          message: 'Use dayText() from platform/shared/dates: a real day between 1900 and 2100.',
        },
        {
          selector:
            "CallExpression[callee.property.name='slice'][callee.object.callee.property.name='toISOString']",
          message:
            'Days come from platform/shared/dates (chinaToday, chinaDay, addDays): a UTC day is yesterday in China before 08:00.',
        },
        {
          selector: "CallExpression[callee.name='dayjs'][arguments.length=0]",
          message:
            'Use dayjs(chinaToday()) from platform/shared/dates: the browser may not run on China time.',
        },
      ],
    },
  },
  {
    files: ['src/**/web/**/*.{ts,tsx}', 'src/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '/(tables|service|routes|[a-z-]*-service)$|/platform/(?!shared)',
              message: 'Web code imports only contract.ts files and web code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', 'eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
