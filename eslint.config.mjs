import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { readdirSync } from 'node:fs';

/** electron/core's feature folders: every folder but the machinery they build on (api, db, audit) and the host. */
const coreFeatures = readdirSync(new URL('./electron/core/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !['api', 'db', 'audit', 'host'].includes(d.name))
  .map((d) => d.name);

const electronOnlyInShell = {
  paths: [{ name: 'electron', message: "Only electron/shell and electron/preload may import 'electron': keep data code plain Node." }],
  patterns: [{ group: ['electron/*'], message: "Only electron/shell and electron/preload may import 'electron'." }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', '.ci/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', electronOnlyInShell],
    },
  },
  {
    files: ['electron/shell/**', 'electron/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['test/unit/shell/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The API machinery (dispatch, context, errors, scope) that every feature builds on imports no feature at run
    // time: the handler map that imports them all is electron/core/handlers.ts, beside app.ts. Types of the
    // services a handler receives (Outbox, JobRunner, RegionIndex) may still be named.
    files: ['electron/core/api/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: coreFeatures.flatMap((f) => [`../${f}`, `../${f}/**`]),
              allowTypeImports: true,
              message: 'electron/core/api is machinery: it imports no feature (compose features in electron/core/handlers.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    // A feature's handlers say what a call does; its SQL lives in the feature's query modules.
    files: ['electron/core/*/handlers.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|selectNoFrom)$/]",
          message: "No queries in handlers: put them in the feature's query module.",
        },
        { selector: "TaggedTemplateExpression[tag.name='sql']", message: "No SQL in handlers: put it in the feature's query module." },
      ],
    },
  },
  {
    files: ['renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The renderer reaches the main side only through the contract's api object.
      'no-restricted-imports': [
        'error',
        {
          paths: [...electronOnlyInShell.paths, { name: 'kysely', message: 'No SQL in the renderer.' }, { name: 'sqlite3', message: 'No SQL in the renderer.' }],
          patterns: [
            ...electronOnlyInShell.patterns,
            { group: ['node:*'], message: 'The renderer has no Node: use the api object.' },
            { group: ['**/electron/core/**', '**/electron/web/**', '**/electron/cli/**'], message: 'The renderer reaches the main side only through the contract.' },
          ],
        },
      ],
      'no-restricted-properties': ['error', { property: 'ipcRenderer', message: 'Use the api object from renderer/src/api/client.ts.' }],
      'no-restricted-syntax': ['error', { selector: "Identifier[name='ipcRenderer']", message: 'Use the api object from renderer/src/api/client.ts.' }],
    },
  },
);
