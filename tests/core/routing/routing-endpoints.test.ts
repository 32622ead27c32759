/** Other machines and the cloud endpoint from the environment; bad entries are skipped and said. */
import { describe, expect, it } from 'vitest';
import { readRoutingEndpoints } from '../../../electron/core/routing/routing-endpoints';

describe('readRoutingEndpoints', () => {
  it('reads name=url pairs and the cloud endpoint; the cloud is off unless fully configured', () => {
    const c = readRoutingEndpoints({
      LOADOUT_REMOTES: 'workstation=http://192.168.1.20:1234/v1, http://10.0.0.5:1234/ ,bad entry',
      LOADOUT_REMOTES_TOKEN: 'tok',
    });
    expect(c.remotes).toEqual([
      { id: 'remote:workstation', label: 'workstation', baseUrl: 'http://192.168.1.20:1234', token: 'tok' },
      { id: 'remote:10.0.0.5:1234', label: '10.0.0.5:1234', baseUrl: 'http://10.0.0.5:1234', token: 'tok' },
    ]);
    expect(c.problems).toEqual(['LOADOUT_REMOTES: "bad entry" is not name=http://host:port; skipped.']);
    expect(c.cloud).toBeNull();
    expect(readRoutingEndpoints({ LOADOUT_CLOUD_URL: 'https://api.example.com/v1' }).problems[0]).toMatch(
      /cloud fallback stays off/,
    );
    expect(
      readRoutingEndpoints({ LOADOUT_CLOUD_URL: 'not a url', LOADOUT_CLOUD_MODEL: 'm', LOADOUT_CLOUD_API_KEY: 'k' })
        .cloud,
    ).toBeNull();
    const cloud = readRoutingEndpoints({
      LOADOUT_CLOUD_URL: 'https://api.example.com/v1/',
      LOADOUT_CLOUD_MODEL: 'gpt-4.1',
      LOADOUT_CLOUD_API_KEY: 'sk-x',
      LOADOUT_CLOUD_VISION: '1',
    }).cloud;
    expect(cloud).toEqual({
      label: 'api.example.com',
      openAiBaseUrl: 'https://api.example.com/v1',
      apiKey: 'sk-x',
      model: 'gpt-4.1',
      contextLength: 128000,
      vision: true,
    });
  });
});
