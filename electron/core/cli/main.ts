/** Entry point of the `loadout` CLI (`npm run loadout -- …`, or the `loadout` bin of the built app). */
// First: on a Node older than 22 this says so and exits before anything else loads.
import '../process/require-supported-node';
import { commands } from './commands/index';
import { runCli } from './run-cli';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());
// A closed pipe (`loadout monitor --json | head`) ends the run quietly instead of crashing.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') controller.abort();
});

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal }, commands);
process.exitCode = code;
