/**
 * Imported FIRST by every entry (the CLI and `serve`, the tray app's main): on a Node older than 22 it
 * prints why and exits 1 before any other module runs.
 */
import { nodeVersionProblem } from './node-version';

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}
