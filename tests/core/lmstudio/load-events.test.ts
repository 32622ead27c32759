import { describe, expect, it } from 'vitest';
import { LmStudioError, type LmStudioClient } from '../../../electron/core/lmstudio/client-types';
import { withLoadEvents, type LoadedChange } from '../../../electron/core/lmstudio/load-events';
import type { LoadedInstance } from '../../../shared/lmstudio/types';

const qwen: LoadedInstance = {
  instanceId: 'qwen:2',
  modelKey: 'qwen',
  contextLength: 4096,
  gpuOffload: null,
  ttlSeconds: null,
  flashAttention: null,
  offloadKvCacheToGpu: null,
  status: null,
};
const unused = () => Promise.reject(new Error('not used here'));

/** A client whose load succeeds for "qwen" and fails otherwise, and whose unload fails for "stuck". */
const base: LmStudioClient = {
  getBaseUrl: () => 'http://127.0.0.1:1234',
  urlInUse: () => ({ url: 'http://127.0.0.1:1234', source: 'default', sourceLabel: "Loadout's default", ignored: [] }),
  getOpenAiBaseUrl: () => 'http://127.0.0.1:1234/v1',
  getToken: async () => null,
  detect: unused,
  capabilities: unused,
  listModels: unused,
  listProcesses: unused,
  listLocalFiles: unused,
  listLoaded: async () => [qwen],
  load: async (request) => {
    if (request.key !== 'qwen') throw new LmStudioError('load-failed', `LM Studio could not load ${request.key}.`);
    return { instance: qwen, via: 'rest-v1', loadTimeSeconds: 1.5 };
  },
  unload: async (id) => {
    if (id === 'stuck') throw new LmStudioError('load-failed', 'unload failed');
  },
  resetDetection: () => undefined,
};

describe('load events on the LM Studio client', () => {
  it('tells listeners after each load and unload, including failures, and passes results and errors through', async () => {
    const client = withLoadEvents(base);
    const changes: LoadedChange[] = [];
    const off = client.onLoadedChanged((c) => changes.push(c));
    expect((await client.load({ key: 'qwen' })).instance).toBe(qwen);
    await client.unload('qwen:2');
    await expect(client.load({ key: 'nope', identifier: 'nope-1' })).rejects.toThrow('could not load nope');
    await expect(client.unload('stuck')).rejects.toThrow('unload failed');
    expect(changes).toEqual([
      { action: 'load', instance: qwen },
      { action: 'unload', instanceId: 'qwen:2' },
      { action: 'failed', instanceId: 'nope-1' },
      { action: 'failed', instanceId: 'stuck' },
    ]);
    off();
    await client.unload('qwen:2');
    expect(changes).toHaveLength(4);
    expect(await client.listLoaded()).toEqual([qwen]);
    expect(client.getOpenAiBaseUrl()).toBe('http://127.0.0.1:1234/v1');
  });

  it('a listener that throws never turns a successful load into a failure, and is reported', async () => {
    const reported: Array<[string, string]> = [];
    const client = withLoadEvents(base, (error, event) => reported.push([String(error), event]));
    const seen: string[] = [];
    client.onLoadedChanged(() => {
      throw new Error('listener bug');
    });
    client.onLoadedChanged((c) => seen.push(c.action));
    await expect(client.load({ key: 'qwen' })).resolves.toMatchObject({ via: 'rest-v1' });
    expect(seen).toEqual(['load']);
    expect(reported).toEqual([['Error: listener bug', 'loadedChanged']]);
  });
});
