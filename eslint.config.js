// ESLint 9 flat config. The rules that matter most are the boundaries: src/platform knows no domain,
// so it imports no module; outside a module only its face, <m>/index.js, is imported (README,
// "Architecture"; test/lint-boundaries.test.ts). The TypeScript rules are typescript-eslint's
// recommended set minus the ones the code deliberately breaks today (explicit any at the edges).
import tseslint from 'typescript-eslint'

// Explicit wiring (src/wiring.ts → createApp): no file is imported for its effect, and no module
// keeps state that another fills at import time (a registry, a resolver set from outside).
const SIDE_EFFECT_IMPORT = {
  selector: "ImportDeclaration[specifiers.length=0][importKind!='type']",
  message: 'No import for its effect: pass what a module plugs into another through createApp (src/wiring.ts).',
}
// One public face per module: from outside src/modules/<m>/, only <m>/index.js (tests may import internals).
const FACE = 'import only the module\'s public face, <module>/index.js (export what you need from it).'
const faceOnly = (regex) => ['error', { patterns: [{ regex, message: `Another module's internals: ${FACE}` }] }]
const MODULE_STATE = [
  {
    selector: "Program > VariableDeclaration[kind!='const'], Program > ExportNamedDeclaration > VariableDeclaration[kind!='const']",
    message: 'No module-level mutable state in src/modules: take it as a dependency (createApp → src/wiring.ts) or keep it per instance.',
  },
  {
    selector: 'Program > ExportNamedDeclaration > FunctionDeclaration[id.name=/^register[A-Z]/]',
    message: 'No registry filled from outside: the composition root (src/wiring.ts) passes plug-ins through createApp.',
  },
]

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'reports/**', 'src/console/api/schema.gen.ts', '**/*.d.ts'] },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx', 'test/**/*.ts', 'db/**/*.ts', 'bench/**/*.ts', 'tenants/**/*.ts', 'scripts/**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-empty-object-type': 'off',
      'no-restricted-syntax': ['error', SIDE_EFFECT_IMPORT],
    },
  },
  // The console's entry imports its style sheets for their effect (Vite bundles them): that is how
  // a browser app loads CSS, not a module plugging into another.
  { files: ['src/console/main.tsx'], rules: { 'no-restricted-syntax': 'off' } },
  {
    files: ['src/modules/**/*.ts', 'src/modules/**/*.tsx'],
    rules: {
      'no-restricted-syntax': ['error', SIDE_EFFECT_IMPORT, ...MODULE_STATE],
      // '../<other module>/<file>' other than index.js ('../../platform/…' and './…' are fine).
      'no-restricted-imports': faceOnly('^\\.\\./(?!\\.)[^/]+/(?!index\\.js$)'),
    },
  },
  {
    files: ['src/*.ts', 'src/portal/**/*.ts', 'src/portal/**/*.tsx', 'src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': faceOnly('(^|/)modules/[^/]+/(?!index\\.js$)') },
  },
  {
    // The seed (Node only) may also read the standards pack from disk: standards/pack.js uses node:fs,
    // so it stays out of the face that the Worker's bundle loads.
    files: ['src/seed/**/*.ts'],
    rules: { 'no-restricted-imports': faceOnly('(^|/)modules/(?!standards/pack\\.js$)[^/]+/(?!index\\.js$)') },
  },
  {
    files: ['src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{
        group: ['**/modules/**', '../modules/*', '../../modules/*'],
        message: 'src/platform imports no module: move what the platform needs into it (and re-export it from the module).',
      }] }],
    },
  },
)
