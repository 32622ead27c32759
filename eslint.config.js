// Lint keeps the layers honest (see ../shared/design/architecture.md):
// shared/ is pure, electron/core/ never imports electron, the renderer reaches the core only through renderer/src/api/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import eslintConfigPrettier from 'eslint-config-prettier/flat';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'crypto',
  'url',
  'util',
  'events',
  'stream',
  'worker_threads',
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      '.gpucheck/**',
      '.gl/**',
      'dist/**',
      'node_modules/**',
      'release/**',
      'test-results/**',
      '.stryker-tmp*/**',
      'reports/**',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  { files: ['**/*.{js,mjs}'], languageOptions: { globals: globals.node } },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer'],
              message: 'Only the IPC binding files use ipcMain/ipcRenderer.',
            },
          ],
        },
      ],
    },
  },
  {
    // The IPC binding files: the only ones that may take ipcMain / ipcRenderer from electron.
    files: ['electron/main/ipc/electron-ipc-main.ts', 'electron/preload/index.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            // '!./**', '!../**': a relative import is never a builtin (else '../events/typed-emitter' reads as 'events').
            {
              group: [...nodeBuiltins, 'electron', 'react-dom', 'react-dom/*', '!./**', '!../**'],
              message: 'shared/ is pure TypeScript: no Node, Electron or DOM.',
            },
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ must not depend on the core, the shell or the renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'electron/core/ is plain Node: inject Electron capabilities from electron/main/.',
            },
          ],
          patterns: [
            {
              group: ['**/electron/main/**', '**/electron/preload/**', '**/renderer/**'],
              message: 'The core does not depend on the shell or the renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/api/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', ...nodeBuiltins], message: 'The renderer runs in a sandbox: no Node or Electron.' },
            {
              group: ['**/electron/**', '**/api/transport*'],
              message: 'The renderer reaches the core only through renderer/src/api/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/src/api/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', ...nodeBuiltins, '**/electron/**'],
              message: 'The renderer API client talks to the preload bridge or a WebSocket only.',
            },
          ],
        },
      ],
    },
  },
  // Last: Prettier owns the layout, so no stylistic rule may disagree with it.
  eslintConfigPrettier,
);
