// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { routingDraftToPatch, toRoutingDraft } from '../../../renderer/src/settings/routing-draft';
import { RoutingSettingsForm } from '../../../renderer/src/settings/routing-settings-form';
import { SettingsPatchSchema, toPublicSettings, type SettingsPatch } from '../../../shared/contract/settings';
import { defaultSettings, type Settings } from '../../../shared/settings/schema';
import { createFakeApi, type FakeApi } from '../../support/fake-api';
import { type Language, mountSettings, settingsCore } from './settings-harness';

afterEach(cleanup);

/** The core's settings, with secrets "encrypted" by tagging them. */
function setup(initial: Settings = defaultSettings(), language: Language = 'en') {
  api = createFakeApi();
  const core = settingsCore(api, initial);
  api.handle('settings.setRoutingSecret', ({ target, secret }) => {
    const enc = secret === null ? null : `enc:${secret}`;
    const stored = core.stored();
    const r = stored.routing;
    const next =
      target.kind === 'cloud'
        ? { ...stored, routing: { ...r, cloud: { ...r.cloud, apiKeyEncrypted: enc } } }
        : {
            ...stored,
            machines: stored.machines.map((m) => (m.name === target.name ? { ...m, tokenEncrypted: enc } : m)),
          };
    return { ok: true, result: core.replace(next) };
  });
  mountSettings(<RoutingSettingsForm />, api, { language, settings: core.stored() });
  return { api, stored: core.stored };
}

let api: FakeApi = createFakeApi();

const save = async () => {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Save API and routing' }));
  });
};
const patches = () => api.calls.filter((c) => c.method === 'settings.set').map((c) => c.input as SettingsPatch);
const secretCalls = () => api.calls.filter((c) => c.method === 'settings.setRoutingSecret').map((c) => c.input);

describe('routing settings form', () => {
  it('toggles JIT loading, classification and the OpenAI endpoint, and saves them as a patch', async () => {
    const { stored } = setup();
    for (const name of [/Allow loading a model/, /Let a small model sort/, /Serve an OpenAI-compatible API/]) {
      const box = screen.getByRole('checkbox', { name });
      expect((box as HTMLInputElement).checked).toBe(false);
      fireEvent.click(box);
    }
    fireEvent.change(screen.getByLabelText('Port'), { target: { value: '4321' } });
    expect(screen.getByTestId('local-api-url').textContent).toContain('http://127.0.0.1:4321/v1');
    expect(screen.getByTestId('local-api-url').textContent).toContain('auto');
    await save();
    expect(patches()).toHaveLength(1);
    expect(patches()[0]).toMatchObject({
      server: { openAiEndpoint: true, port: 4321 },
      routing: { allowJitLoad: true, classifyWithModel: true },
    });
    expect(stored().routing).toMatchObject({ allowJitLoad: true, classifyWithModel: true });
    expect(stored().server).toEqual({ openAiEndpoint: true, port: 4321 });
    expect(screen.getByRole('status').textContent).toBe('Settings saved.');
  });

  it('each toggle is described by its one-line explanation', () => {
    setup();
    const jit = screen.getByRole('checkbox', { name: /Allow loading a model/ });
    expect(document.getElementById(jit.getAttribute('aria-describedby')!)?.textContent).toMatch(/free GPU memory/);
  });

  it('edits no machine: they live in the Machines section, and saving routing leaves them as they are', async () => {
    const base = defaultSettings();
    const machines = [
      { name: 'box', url: 'http://10.0.0.2:1234', kind: 'lmstudio-only' as const, tokenEncrypted: 'enc:t' },
    ];
    const { stored } = setup({ ...base, machines });
    expect(screen.queryByRole('button', { name: 'Add machine' })).toBeNull();
    expect(screen.queryByRole('group', { name: 'box' })).toBeNull();
    await save();
    expect(patches()[0]?.routing).not.toHaveProperty('endpoints');
    expect(stored().machines).toEqual(machines);
  });

  it('the cloud is off by default; turning it on shows the privacy note and its fields, the key is write-only', async () => {
    const { stored } = setup();
    expect(screen.queryByLabelText('Base URL (with /v1)')).toBeNull();
    const box = screen.getByRole('checkbox', { name: /Use a cloud model/ });
    expect((box as HTMLInputElement).checked).toBe(false);
    expect(document.getElementById(box.getAttribute('aria-describedby')!)?.textContent).toMatch(
      /leave this computer.*only when routing is unsure/,
    );
    fireEvent.click(box);
    await save();
    expect(patches()).toEqual([]); // on without a URL: refused
    fireEvent.change(screen.getByLabelText('Base URL (with /v1)'), { target: { value: 'https://api.example.com/v1' } });
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'gpt-x' } });
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: 'sk-cloud-secret' } });
    await save();
    expect(patches()[0]?.routing?.cloud).toEqual({
      enabled: true,
      baseUrl: 'https://api.example.com/v1',
      model: 'gpt-x',
      label: '',
    });
    expect(secretCalls()).toEqual([{ target: { kind: 'cloud' }, secret: 'sk-cloud-secret' }]);
    expect(stored().routing.cloud.apiKeyEncrypted).toBe('enc:sk-cloud-secret');
    expect((screen.getByLabelText('API key') as HTMLInputElement).value).toBe('');
    expect(document.body.innerHTML).not.toContain('sk-cloud-secret');
    expect(screen.getByTestId('cloud-key-state').textContent).toMatch(/An API key is saved/);
  });

  it('removes a stored cloud key with null, never showing it', async () => {
    const base = defaultSettings();
    const { stored } = setup({
      ...base,
      routing: { ...base.routing, cloud: { ...base.routing.cloud, apiKeyEncrypted: 'enc:old-key' } },
    });
    expect(document.body.innerHTML).not.toContain('old-key');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Remove key' }));
    });
    expect(secretCalls()).toEqual([{ target: { kind: 'cloud' }, secret: null }]);
    expect(stored().routing.cloud.apiKeyEncrypted).toBeNull();
    expect(screen.getByTestId('cloud-key-state').textContent).toBe('No API key saved.');
  });

  it('shows the same form in Portuguese', () => {
    setup(defaultSettings(), 'pt-BR');
    expect(screen.getByRole('checkbox', { name: /Permitir carregar um modelo/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Salvar API e roteamento' })).toBeTruthy();
  });
});

describe('routing draft → patch', () => {
  const draft = () => ({ ...toRoutingDraft(toPublicSettings(defaultSettings())) });

  it('names the wrong field: port, cloud URL and model', () => {
    expect(routingDraftToPatch({ ...draft(), port: '0' })).toEqual({ field: 'port' });
    expect(routingDraftToPatch({ ...draft(), port: '70000' })).toEqual({ field: 'port' });
    expect(routingDraftToPatch({ ...draft(), port: '12.5' })).toEqual({ field: 'port' });
    expect(routingDraftToPatch({ ...draft(), cloudEnabled: false, cloudBaseUrl: 'half-typed' })).toEqual({
      field: 'cloudBaseUrl',
    });
    expect(routingDraftToPatch({ ...draft(), cloudEnabled: true, cloudBaseUrl: 'ftp://x', cloudModel: 'm' })).toEqual({
      field: 'cloudBaseUrl',
    });
    expect(
      routingDraftToPatch({ ...draft(), cloudEnabled: true, cloudBaseUrl: 'https://x/v1', cloudModel: ' ' }),
    ).toEqual({ field: 'cloudModel' });
  });

  it('builds a patch the contract accepts, with the cloud fields kept while it is off', () => {
    const r = routingDraftToPatch({
      ...draft(),
      cloudBaseUrl: 'https://cloud.example/v1',
      cloudModel: '',
    });
    expect('patch' in r).toBe(true);
    if (!('patch' in r)) return;
    expect(SettingsPatchSchema.safeParse(r.patch).success).toBe(true);
    expect(r.patch.routing?.cloud).toMatchObject({ enabled: false, baseUrl: 'https://cloud.example/v1', model: '' });
    expect(r.secrets).toEqual([]);
  });
});
