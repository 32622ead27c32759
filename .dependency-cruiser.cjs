// The layer rules of ../shared/design/architecture.md, checked by `npm run check:deps` (scripts/check-deps.mjs),
// which also fails on import cycles between folders (a rule dependency-cruiser cannot express on collapsed folders).
// Each rule's comment is what the check prints: the rule, then what to do.
const face = '^electron/(cli|serve|main|preload)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-a-face',
      severity: 'error',
      comment:
        'electron/core/ is the core under every face and must not import a face (electron/cli, serve, main, preload). ' +
        'Move what the core needs into electron/core/ or shared/, or have the face pass it in.',
      from: { path: '^electron/core/' },
      to: { path: face },
    },
    {
      name: 'core-imports-electron',
      severity: 'error',
      comment:
        "electron/core/ is plain Node and never imports 'electron'. " +
        'Inject the Electron capability from electron/main/ (a function or an object implementing a core type).',
      from: { path: '^electron/core/' },
      to: { path: '^node_modules/electron/' },
    },
    {
      name: 'shared-imports-a-host',
      severity: 'error',
      comment:
        'shared/ is pure TypeScript: no import from electron/, renderer/, Node builtins or Electron. ' +
        'Keep the pure part in shared/ and move the part that needs the host into electron/core/ (or inject it).',
      from: { path: '^shared/' },
      to: { path: '^(electron|renderer)/|^node_modules/(electron|react-dom)/' },
    },
    {
      name: 'shared-imports-node',
      severity: 'error',
      comment:
        'shared/ is pure TypeScript and must not import a Node builtin. ' +
        'Move the Node part into electron/core/, or take the capability as a parameter.',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-imports-electron',
      severity: 'error',
      comment:
        'renderer/ runs in a sandbox and reaches the core only through renderer/src/api/ and the contract in shared/. ' +
        'Import the types from shared/contract/ instead of electron/, and call the core through renderer/src/api/.',
      from: { path: '^renderer/' },
      to: { path: '^electron/|^node_modules/electron/' },
    },
    {
      name: 'renderer-imports-node',
      severity: 'error',
      comment: 'renderer/ runs in a sandbox without Node. Ask the core through renderer/src/api/ instead.',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|out)/' },
  },
};
