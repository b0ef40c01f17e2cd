// @ts-check
/**
 * ESLint flat config. Two jobs:
 *   1. typescript-eslint's recommended rules over src, test, bench and scripts, and its type-checked
 *      recommended rules over the TypeScript (src, test) less the few listed below with the reason;
 *   2. DESIGN.md §1 rule 6, "Dependencies point down", as lint errors: which folders of src/ may
 *      import which (import-x/no-restricted-paths) and which third-party packages each layer may
 *      load (no-restricted-imports for static imports, no-restricted-syntax for import() and
 *      require(), which no-restricted-imports does not see).
 */
const { defineConfig } = require('eslint/config');
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const importX = require('eslint-plugin-import-x');
const globals = require('globals');

// ---------------------------------------------------------------------------------------------
// Layers of src/ (DESIGN.md §1). Each entry: the folder (or file) and what of src/ it may import
// besides itself. Paths that do not exist yet (src/ipemu.ts, src/procedures) are fine: a zone
// whose target matches no file checks nothing, and an exception naming no file excepts nothing.
// ---------------------------------------------------------------------------------------------
const DOWN = ['core', 'salesforce'];
const LAYERS = [
  { target: 'core', may: [] },
  { target: 'salesforce', may: ['core'] },
  { target: 'services', may: DOWN, why: 'services see only the Org port (core/org.ts), never an org implementation' },
  { target: 'orgs/jsforce', may: DOWN },
  { target: 'orgs/coalescing', may: DOWN },
  { target: 'mock-org', may: DOWN },
  { target: 'procedures', may: DOWN },
  { target: 'http', may: DOWN, why: 'the HTTP server is handed an Emulator; it does not build one' },
  { target: 'recording', may: [...DOWN, 'mock-org'] },
  { target: 'parity', may: DOWN, why: 'ipemu parity is handed its orgs and emulators; it sees only the Org and Emulator ports' },
  {
    target: 'cli',
    may: [...DOWN, 'http', 'mock-org', 'recording', 'parity', 'ipemu.ts'],
    why: 'services and orgs are wired by the composition root (src/ipemu.ts)',
  },
];

/** @param {{ target: string, may: string[], why?: string }} layer */
function zoneOf({ target, may, why }) {
  return {
    target: `src/${target}`,
    from: 'src',
    except: [target, ...may].map((p) => `./${p}`),
    message: `src/${target} may import only ${[target, ...may].map((p) => `src/${p}`).join(', ')} (DESIGN.md §1 rule 6${why ? `: ${why}` : ''}).`,
  };
}

const ROOT_ZONE = {
  target: ['src/ipemu.ts', 'src/index.ts'],
  from: 'src/cli',
  message: 'the composition root and the public exports never import the CLI (DESIGN.md §1 rule 6).',
};

const ZONES = [...LAYERS.map((layer) => zoneOf(layer)), ROOT_ZONE];

// ---------------------------------------------------------------------------------------------
// Third-party packages per layer (DESIGN.md §1 rules 1 and 2).
// ---------------------------------------------------------------------------------------------
/** @param {string[]} packages @param {string} why */
function packageRules(packages, why) {
  const layerMessage = `Not in this layer: ${why}`;
  // esquery regex literals cannot contain '/', so a package's '/' is written \x2F.
  const sourceOf = (/** @type {string} */ p) => `/^${p.replace(/[.]/g, '\\.').replace(/\//g, '\\x2F')}(\\x2F|$)/`;
  return {
    // A regex, not a gitignore-style group: the group 'jsforce' would also match '../orgs/jsforce/…'.
    'no-restricted-imports': ['error', { patterns: [{ regex: `^(${packages.map((p) => p.replace(/[.]/g, '\\.')).join('|')})(/|$)`, message: layerMessage }] }],
    'no-restricted-syntax': [
      'error',
      ...packages.flatMap((p) => [
        { selector: `ImportExpression > Literal.source[value=${sourceOf(p)}]`, message: `import('${p}'): ${layerMessage}` },
        { selector: `CallExpression[callee.name='require'] > Literal.arguments[value=${sourceOf(p)}]`, message: `require('${p}'): ${layerMessage}` },
      ]),
    ],
  };
}

const SERVER_AND_CLI_PACKAGES = ['jsforce', 'fastify', 'commander', 'pino', '@jetstreamapp/soql-parser-js', 'cli-progress'];

module.exports = defineConfig(
  {
    ignores: ['dist/**', 'coverage/**', 'bench/.tmp/**', 'fixtures/**', 'schemas/**'],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      // tsc's noUnusedParameters convention: a leading underscore marks a parameter kept for its position.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Deliberate: async functions without await implement Promise-returning interfaces (Org,
      // fastify handlers, test doubles), so a throw becomes a rejection. 32 findings, none a bug.
      '@typescript-eslint/require-await': 'off',
      // Methods handed around unbound are `this`-free (class fields, jest spies); 13 findings, no bug.
      '@typescript-eslint/unbound-method': 'off',
      // `InvokeCode | string` (core/envelope.ts) names the known codes while plugins may add others.
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      // String(x ?? '') on loosely typed org replies (a jsforce error code, a job id) is deliberate.
      '@typescript-eslint/no-base-to-string': 'off',
      // The jsforce org passes jsforce's own rejection reason through unchanged, to map it once.
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: {
      // Plain CommonJS (bench/, scripts/, bin/, configs): require() is how they load modules.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Output goes through the logger or the CLI's io streams, never the console.
      'no-console': 'error',
    },
  },
  {
    files: ['test/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
    rules: {
      // Tests load the plain-JS bench harness (no types to import) and the odd builtin inline.
      '@typescript-eslint/no-require-imports': ['error', { allow: ['/bench/', '^node:'] }],
      // Tests read JSON.parse'd CLI output, the untyped bench harness and jest's any-typed
      // matchers, and narrow with expect() instead: about 200 findings, against 3 in src/.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  // Layer rules.
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: __dirname, zones: ZONES }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/services/**/*.ts'],
    rules: packageRules(SERVER_AND_CLI_PACKAGES, 'core and services see only the Org port (DESIGN.md §1 rule 1)'),
  },
  {
    files: ['src/parity/**/*.ts'],
    rules: packageRules(SERVER_AND_CLI_PACKAGES, 'ipemu parity compares two orgs through the Org and Emulator ports only'),
  },
  {
    files: ['src/recording/**/*.ts'],
    rules: packageRules(SERVER_AND_CLI_PACKAGES, 'the recorder reads an org only through the RecordingSource port (core/recording-source.ts)'),
  },
  {
    files: ['src/mock-org/**/*.ts'],
    rules: packageRules(['jsforce', 'commander'], 'the mock org is an org, not a client or a CLI'),
  },
  {
    files: ['src/http/**/*.ts'],
    rules: packageRules(['jsforce', 'commander'], 'the HTTP server is a transport over the emulator (DESIGN.md §1 rule 2)'),
  },
);
