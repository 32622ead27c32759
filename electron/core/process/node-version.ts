/**
 * The Node.js Loadout runs on: 22 or newer (node:sqlite, the Node inside current Electron). Checked first
 * thing at start so an older Node says so, instead of failing later on `No such built-in module: node:sqlite`.
 */

/** The oldest major version that runs Loadout (package.json's engines says the same). */
export const MIN_NODE_MAJOR = 22;

/** The sentence to print when `version` (process.versions.node, e.g. "20.20.2") is too old, or null when it runs Loadout. */
export function nodeVersionProblem(version: string): string | null {
  const major = Number.parseInt(version.split('.')[0] ?? '', 10);
  if (Number.isFinite(major) && major >= MIN_NODE_MAJOR) return null;
  return `Loadout needs Node.js ${MIN_NODE_MAJOR} or newer (found ${version}). Install Node.js ${MIN_NODE_MAJOR} LTS from https://nodejs.org (or with nvm: nvm install ${MIN_NODE_MAJOR}), put it first on PATH, and run the command again.`;
}
