import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', 'coverage/', 'test/e2e/output/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      // scores are decimal: no binary-float parsing or rounding in the engine
      'no-restricted-globals': ['error', { name: 'parseFloat', message: 'use Decimal' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'round', message: 'use round2 (Decimal, half up)' }],
    },
  },
);
