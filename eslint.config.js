import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

/** The feature wings of the house (DESIGN: layout). */
const FEATURES = 'orgs|enterprises|coverage|service|labor|competitions|studios|bulletin|training';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'migrations', 'bin', 'tests/e2e/artifacts', 'bench/out'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
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
    // The rules of hooks where there are hooks: the browser's code, which lives in web/ folders.
    // Elsewhere they found nothing and took a quarter of the lint's time.
    files: ['src/**/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // No import cycles anywhere in the code.
    files: ['src/**/*.{ts,tsx}', 'tests/**/*.ts', 'bench/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
      // The imported files are parsed as TypeScript too; otherwise cycles through them go unseen.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/platform/shared/api.ts', 'src/platform/shared/dates.ts', 'src/wiring.ts'],
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
          selector: 'CallExpression[callee.name=/^(registerPathRewriter|listenToChanges)$/]',
          message:
            'Rewriters and listeners are registered in src/wiring.ts, where the app and the CLI are assembled.',
        },
        {
          selector: "CallExpression[callee.name='dayjs'][arguments.length=0]",
          message:
            'Use dayjs(chinaToday()) from platform/shared/dates: the browser may not run on China time.',
        },
        {
          selector: "JSXMemberExpression[object.name='Checkbox'][property.name='Group']",
          message:
            "Use CheckboxGroup from web/components/checkbox-group: antd's group shows a tap a task late.",
        },
      ],
    },
  },
  {
    // The floor stands on nothing above it: platform/ imports no feature and not the assembly.
    files: ['src/platform/**/*.ts'],
    // Its tests may drive the assembled app (the fuzz, the cross-site and China-time tests).
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(${FEATURES}|app|cli|wiring)(/|$)`,
              message: 'platform/ imports no feature: features stand on the platform, never the other way.',
            },
          ],
        },
      ],
    },
  },
  {
    // A feature uses another through its contract.ts or a service (service.ts, *-service.ts), or
    // those of one of its sub-rooms (competitions/honours/honours-service).
    files: [`src/{${FEATURES.replaceAll('|', ',')}}/**/*.ts`],
    ignores: ['**/*.test.ts', 'src/**/web/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(${FEATURES})/(?!([\\w-]+/)?([\\w-]*-)?(contract|service)$)`,
              message:
                'A feature uses another feature only through its contract.ts or a service (service.ts, *-service.ts), never its tables or inner files.',
            },
          ],
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
