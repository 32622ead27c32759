// `node --import <this file> …` appends the URL of every module the process resolves (ESM imports and
// CommonJS requires alike, through module.registerHooks) to the file named by LOADOUT_MODULE_TRACE, one a line.
// tests/cli/commands/cli-start-imports.integration.test.ts and bench/cli-start.ts read it to see what a command loads.
import fs from 'node:fs';
import { registerHooks } from 'node:module';

const file = process.env.LOADOUT_MODULE_TRACE;
if (file)
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      fs.appendFileSync(file, `${resolved.url}\n`);
      return resolved;
    },
  });
