import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { logUnhandledRejections } from '../../../electron/core/process/log-unhandled-rejections';

const root = path.resolve(__dirname, '../../..');

describe('logUnhandledRejections', () => {
  it('logs the stack of each unhandled rejection under the label, until removed', () => {
    const source = new EventEmitter();
    const lines: string[] = [];
    const off = logUnhandledRejections(source, (l) => lines.push(l), 'loadout serve');
    source.emit('unhandledRejection', new TypeError('energy.tariff went wrong'));
    source.emit('unhandledRejection', 'plain text');
    expect(lines[0]).toMatch(
      /^loadout serve: an operation failed and nothing handled it .*keeps running\.\nTypeError: energy\.tariff went wrong\n\s+at /,
    );
    expect(lines[1]).toContain('a non-error value: plain text');
    off();
    expect(source.listenerCount('unhandledRejection')).toBe(0);
  });

  it('keeps a real Node process alive past an unhandled rejection, with the stack on stderr', () => {
    // Without the listener Node ends the process with exit code 1 at the first unhandled rejection.
    const script = [
      "import { logUnhandledRejections } from './electron/core/process/log-unhandled-rejections.ts';",
      "logUnhandledRejections(process, (l) => process.stderr.write(l), 'loadout serve');",
      "void Promise.reject(new Error('nobody awaited me'));",
      "setTimeout(() => process.stdout.write('still serving'), 50);",
    ].join('\n');
    const run = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.stderr).toMatch(/loadout serve: an operation failed[^\n]*\nError: nobody awaited me\n\s+at /);
    expect(run.stdout).toBe('still serving');
    expect(run.status).toBe(0);
  });
});
