/**
 * The house rules of DESIGN.md (Layout), checked by `npm run check:deps` in CI.
 * Each rule says why in its comment; ARCHITECTURE.md ("Dependency rules")
 * explains the layout they protect.
 */
const test = '(\\.test\\.ts$|/test-[^/]+\\.ts$|/test-helpers\\.ts$|/test-fixtures\\.ts$)';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'No import cycles, between features or between files of one feature: a cycle is two modules that cannot be understood, tested or loaded apart.',
      from: { path: '^(src|tools|web/src)/', pathNot: test },
      to: { circular: true, viaOnly: { pathNot: test } },
    },
    {
      name: 'cross-feature-through-face',
      severity: 'error',
      comment: "Another feature is reached only through its index.ts: what a feature keeps inside can change without breaking the others.",
      from: { path: '^src/features/([^/]+)/', pathNot: test },
      to: { path: '^src/features/([^/]+)/', pathNot: ['^src/features/$1/', '^src/features/[^/]+/index\\.ts$'] },
    },
    {
      name: 'outside-features-through-face',
      severity: 'error',
      comment: 'The app, the platform and the tools reach a feature through its index.ts as well.',
      from: { path: '^(src/app|src/main\\.ts|src/platform|src/shared|tools)/?', pathNot: test },
      to: { path: '^src/features/[^/]+/', pathNot: '^src/features/[^/]+/index\\.ts$' },
    },
    {
      name: 'platform-knows-no-feature',
      severity: 'error',
      comment: 'The platform (database, jobs, errors, HTTP) serves every feature and depends on none of them.',
      from: { path: '^src/platform/' },
      to: { path: '^src/(features|app)/' },
    },
    {
      name: 'shared-is-pure',
      severity: 'error',
      comment: 'src/shared is imported by the server and the web app: pure code only, no Node built-ins, no server modules.',
      from: { path: '^src/shared/' },
      to: { path: '^(src/(features|app|platform|main)|node:)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'shared-no-node',
      severity: 'error',
      comment: 'src/shared runs in the browser too.',
      from: { path: '^src/shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'product-does-not-import-tools',
      severity: 'error',
      comment: 'Developer tools (simulators, fake provider servers) live apart: the product reaches a provider only through its interface. Only the CLI entry (src/main.ts) may start a tool.',
      from: { path: '^src/', pathNot: ['^src/main\\.ts$', test] },
      to: { path: '^tools/' },
    },
    {
      name: 'kysely-only-in-repositories',
      severity: 'error',
      comment: 'SQL lives in repositories (and the platform database layer): a use case or a route gets its data from a repository function. Type-only imports of Kysely (to pass a transaction on) are fine.',
      from: { path: '^src/', pathNot: ['/repository(\\.ts$|/)', '^src/platform/db/', '^src/platform/jobs/', test] },
      to: { path: 'node_modules/kysely/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'web-imports-only-shared',
      severity: 'error',
      comment: 'The web app imports from the server only the shared pure module; the API contract comes from the generated client (web/src/api/schema.gen.ts).',
      from: { path: '^web/src/' },
      to: { path: '^(src|tools)/', pathNot: '^src/shared/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(web/dist|test-results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
