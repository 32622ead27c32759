// `node --import <this file> out/cli/loadout.mjs …` (bench/cli-start.ts): writes, to the file named by
// LOADOUT_STARTUP_TRACE, when each step of a command's start happened, in ms since the process began
// (performance.now()): the entry and the command's chunk resolved, the first package (koffi), each os.cpus()
// read (the CPU window opens and closes), each child process started and ended, each stdout write, exit.
// Main thread only; the hook adds well under a millisecond per step.
import fs from 'node:fs';
import os from 'node:os';
import cp from 'node:child_process';
import { registerHooks, syncBuiltinESMExports } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const file = process.env.LOADOUT_STARTUP_TRACE;
if (file && isMainThread) {
  const steps = [];
  const counts = new Map();
  const mark = (label) => {
    const n = (counts.get(label) ?? 0) + 1;
    counts.set(label, n);
    steps.push([`${label} #${n}`, performance.now()]);
  };
  const seen = new Set();
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      const name =
        /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(resolved.url)?.[1] ??
        /\/(loadout|nvml-worker)\.mjs$/.exec(resolved.url)?.[1] ??
        /\/chunks\/([a-z-]+?)-[A-Z0-9]+\.mjs$/.exec(resolved.url)?.[1];
      if (name && name !== 'chunk' && !seen.has(name)) {
        seen.add(name);
        mark(`load ${name}`);
      }
      return resolved;
    },
  });
  for (const fn of ['spawn', 'execFile']) {
    const original = cp[fn];
    cp[fn] = function (command, ...rest) {
      const base = String(command).split(/[\\/]/).pop();
      mark(`spawn ${base}`);
      const child = original.call(this, command, ...rest);
      child.once('spawn', () => mark(`running ${base}`));
      return child;
    };
  }
  const cpus = os.cpus;
  os.cpus = function () {
    mark('os.cpus');
    return cpus.call(this);
  };
  syncBuiltinESMExports();
  const write = process.stdout.write;
  process.stdout.write = function (...args) {
    mark('stdout');
    return write.apply(this, args);
  };
  process.on('exit', () => {
    mark('exit');
    fs.writeFileSync(file, JSON.stringify(steps));
  });
}
