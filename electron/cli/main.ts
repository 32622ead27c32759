/** Entry point of the `loadout` CLI (`npm run loadout -- …`, or the `loadout` bin of the built app). */
// First: on a Node older than 22 this says so and exits before anything else loads.
import '../core/process/require-supported-node';
import { startCli } from './start-cli';

await startCli();
