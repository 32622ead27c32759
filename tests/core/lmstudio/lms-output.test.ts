import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildLmsLoadArgs,
  lmsHostArgs,
  parseLoadedIdentifier,
  readLmsLs,
  readLmsPs,
} from '../../../electron/core/lmstudio/lms-output';

/** What a reader returns, or null when it refused the output. */
const parseLmsPs = (stdout: string) => {
  const read = readLmsPs(stdout);
  return read.ok ? read.value : null;
};
const parseLmsLs = (stdout: string, dir: string | null) => {
  const read = readLmsLs(stdout, dir);
  return read.ok ? read.value : null;
};

const psText = readFileSync(new URL('../../fixtures/lmstudio/lms-ps.json', import.meta.url), 'utf8');

describe('lms output', () => {
  it('builds the load command line with every option', () => {
    expect(
      buildLmsLoadArgs({
        key: 'qwen2.5-7b-instruct',
        gpuOffload: 0.5,
        contextLength: 8192,
        ttlSeconds: 900,
        identifier: 'agent-a',
      }),
    ).toEqual([
      'load',
      'qwen2.5-7b-instruct',
      '--gpu',
      '0.5',
      '-c',
      '8192',
      '--ttl',
      '900',
      '--identifier',
      'agent-a',
      '-y',
    ]);
    expect(buildLmsLoadArgs({ key: 'm', gpuOffload: 'off' })).toEqual(['load', 'm', '--gpu', 'off', '-y']);
  });

  it('adds --host/--port only for a non-default server', () => {
    expect(lmsHostArgs('http://127.0.0.1:1234', true)).toEqual([]);
    expect(lmsHostArgs('http://192.168.1.20:5678', false)).toEqual(['--host', '192.168.1.20', '--port', '5678']);
  });

  it('parses the documented `lms ps --json`; busy statuses count as generating', () => {
    expect(parseLmsPs(psText)).toEqual([
      {
        identifier: 'qwen/qwen3-4b-2507',
        modelKey: 'qwen/qwen3-4b-2507',
        status: 'generating',
        queued: 0,
        contextLength: 8192,
        ttlSeconds: 3600,
        sizeBytes: 2497280256,
        gpuOffload: null,
      },
    ]);
    const processing = psText.replace('"generating"', '"processingPrompt"');
    expect(parseLmsPs(processing)?.[0]?.status).toBe('generating');
    expect(parseLmsPs(psText.replace('"generating"', '"idle"'))?.[0]?.status).toBe('idle');
  });

  it('skips text before the JSON and never throws on garbage', () => {
    expect(parseLmsPs(`Update available!\n${psText}`)).toHaveLength(1);
    expect(parseLmsPs('No models are currently loaded.')).toBeNull();
    expect(parseLmsPs('[{"broken"')).toBeNull();
    expect(parseLmsPs('[1, null, {"modelKey": "x"}]')).toBeNull();
    expect(parseLmsPs('[]')).toEqual([]);
  });

  it('resolves `lms ls --json` paths against the models folder', () => {
    const ls = JSON.stringify([
      { modelKey: 'a', path: 'pub/a-GGUF/a.gguf', sizeBytes: 10 },
      { modelKey: 'b', path: '/abs/b.gguf' },
    ]);
    expect(parseLmsLs(ls, '/home/u/.lmstudio/models')).toEqual([
      {
        modelKey: 'a',
        path: 'pub/a-GGUF/a.gguf',
        absolutePath: '/home/u/.lmstudio/models/pub/a-GGUF/a.gguf',
        sizeBytes: 10,
      },
      { modelKey: 'b', path: '/abs/b.gguf', absolutePath: '/abs/b.gguf', sizeBytes: null },
    ]);
  });

  it('refuses an `lms ls --json` entry without a model key, naming it', () => {
    const read = readLmsLs(JSON.stringify([{ modelKey: 'a', path: 'a.gguf' }, { path: 'no-key.gguf' }]), null);
    expect(read.ok ? null : read.error.message).toContain(
      '`lms ls --json` answer is not what Loadout expects: [1].modelKey: expected text (found nothing)',
    );
  });

  it('reads the identifier `lms load` prints', () => {
    expect(
      parseLoadedIdentifier(
        'Model loaded successfully in 2.3s.\nTo use the model in the API/SDK, use the identifier "qwen2.5-7b-instruct:2".',
      ),
    ).toBe('qwen2.5-7b-instruct:2');
    expect(parseLoadedIdentifier('done')).toBeNull();
  });
});
