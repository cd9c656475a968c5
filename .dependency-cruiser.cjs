/**
 * Import boundaries of src/ (README, "Working on Suyuan"), checked by `npm test`.
 * A top-level folder of src/ is a module: others import it only through its index.ts.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make start-up order and layering depend on chance.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'src/domain is pure rules: it imports nothing of the other folders (its npm dependencies are checked by test/domain/purity).',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'hash-imports-only-domain',
      severity: 'error',
      comment: 'src/hash (canonical JSON, hashes, Merkle, checkpoints) sits below everything but the domain.',
      from: { path: '^src/hash/' },
      to: { path: '^src/', pathNot: ['^src/hash/', '^src/domain/index\\.ts$'] },
    },
    {
      name: 'epcis-imports-only-domain-and-hash',
      severity: 'error',
      comment: 'src/epcis (EPCIS mapping, documents, CBV event hashes) is pure translation: it sits on the domain and src/hash only.',
      from: { path: '^src/epcis/' },
      to: { path: '^src/', pathNot: ['^src/epcis/', '^src/domain/index\\.ts$', '^src/hash/index\\.ts$'] },
    },
    {
      name: 'store-and-projections-below-ledger-and-api',
      severity: 'error',
      comment: 'Adapters and read models never reach up into the sequencer or the HTTP layer.',
      from: { path: '^src/(store|projections|verify)/' },
      to: { path: '^src/(api|ledger|cli)/' },
    },
    {
      name: 'nothing-imports-the-edges',
      severity: 'error',
      comment: 'The CLI and the entry point are the top floor: nothing below imports them.',
      from: { path: '^src/', pathNot: ['^src/cli/', '^src/main\\.ts$'] },
      to: { path: ['^src/cli/', '^src/main\\.ts$'] },
    },
    {
      name: 'only-through-index',
      severity: 'error',
      comment: "A folder of src/ imports another folder only through that folder's index.ts, never its internals.",
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/[^/]+/', pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'root-files-through-index',
      severity: 'error',
      comment: 'src/main.ts and src/config.ts import folders only through their index.ts.',
      from: { path: '^src/[^/]+\\.ts$' },
      to: { path: '^src/[^/]+/', pathNot: '^src/[^/]+/index\\.ts$' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'An import that resolves to nothing is a typo or a missing dependency. tsx/esm/api (the loader of the sqlite append worker, as of bin/suyuan.js) resolves in Node but not in the cruiser.',
      from: {},
      to: { couldNotResolve: true, pathNot: '^tsx/esm/api$' },
    },
    {
      name: 'not-to-dev-dep',
      severity: 'error',
      comment: 'Production code must not import devDependencies.',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    parser: 'swc',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.json'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
