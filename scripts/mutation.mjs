// `npm run test:mutation [-- <group|file|folder>... [--stryker-flags]]`
// Turns group names (presets, models, energy, routing, bench), files and folders into Stryker's --mutate,
// and passes any other flag (e.g. --concurrency 1) through to `stryker run`.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mutationGroups } from './mutation-groups.mjs';

const targets = [];
const passThrough = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg.startsWith('-')) {
    passThrough.push(arg);
    // A flag's value travels with it.
    if (args[i + 1] !== undefined && !args[i + 1].startsWith('-') && !arg.includes('=')) passThrough.push(args[++i]);
  } else if (arg in mutationGroups) {
    targets.push(...mutationGroups[arg]);
  } else if (existsSync(arg)) {
    const path = arg.replace(/\/+$/, '');
    targets.push(statSync(path).isDirectory() ? `${path}/**/*.ts` : path);
  } else {
    console.error(
      `"${arg}" is neither a group (${Object.keys(mutationGroups).join(', ')}) nor an existing file or folder. Pass one of those, e.g. npm run test:mutation -- shared/presets/plan.ts`,
    );
    process.exit(2);
  }
}

const mutate = targets.length > 0 ? ['--mutate', targets.join(',')] : [];
const result = spawnSync('stryker', ['run', ...mutate, ...passThrough], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
process.exit(result.status ?? 1);
