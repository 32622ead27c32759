/**
 * The presets & settings window across the desk in real Chromium (issue 18): the built renderer served
 * by the real loadout HTTP/WebSocket server over a scripted core, so the test sees exactly which calls
 * the window makes: a preset applied on another machine through fleet.call with its relayed progress,
 * and a machine added with the fingerprint fleet.inspect showed; in English and pt-BR.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createEventHub, type ContractEventHub } from '../../../shared/contract';
import type { ApiResponse } from '../../../shared/contract/errors';
import { toPublicSettings } from '../../../shared/contract/settings';
import { defaultSettings } from '../../../shared/settings/schema';
import { startLoadoutServer, type LoadoutServer } from '../../../electron/core/http/loadout-server';
import { collectPageErrors, launchChromium, saveScreenshot } from '../../e2e/browser-session';
import { findChromium } from '../../e2e/find-chromium';
import { ensureRendererBuild } from '../../e2e/renderer-build';
import { agent, fleetOf } from './fleet-fixtures';

const FINGERPRINT = '3f'.repeat(32);
const noPresets = { presets: [], activePresetId: null, pinned: [], applyingPresetId: null };
const remotePresets = {
  presets: [{ id: 'finance', name: 'Finance agent', description: '', models: [], exclusive: true, builtIn: false }],
  activePresetId: null,
  pinned: [],
  applyingPresetId: null,
};

let server: LoadoutServer;
let events: ContractEventHub;
let browser: Browser;
let fleet = fleetOf([agent({ name: 'workstation', presets: [{ id: 'finance', name: 'Finance agent' }] })]);
const calls: Array<{ method: unknown; params: unknown }> = [];
/** Answers the relayed presets.apply the window is waiting on. */
let finishApply: () => void = () => {};

const ok = (result: unknown): ApiResponse<unknown> => ({ ok: true, result });

async function dispatch(method: unknown, params: unknown): Promise<ApiResponse<unknown>> {
  calls.push({ method, params });
  const p = params as Record<string, unknown>;
  switch (method) {
    case 'settings.get':
      return ok(toPublicSettings(defaultSettings()));
    case 'presets.list':
      return ok(noPresets);
    case 'fleet.list':
      return ok(fleet);
    case 'fleet.inspect':
      return ok({ kind: 'loadout', fingerprint: FINGERPRINT, version: '1.2.3' });
    case 'fleet.add':
      fleet = fleetOf([...fleet.machines, agent({ name: String(p.name), url: String(p.url) })]);
      return ok(fleet);
    case 'fleet.call':
      if (p.method === 'presets.list') return ok(remotePresets);
      if (p.method === 'presets.apply')
        return new Promise((resolve) => {
          finishApply = () => resolve(ok({ presetId: 'finance', result: 'ok', plan: [], message: null }));
        });
      break;
  }
  return { ok: false, error: { code: 'unavailable', message: `${String(method)} is not scripted` } };
}

describe('the presets & settings window across the desk in Chromium', () => {
  beforeAll(async () => {
    findChromium();
    events = createEventHub();
    server = await startLoadoutServer({
      host: '127.0.0.1',
      port: 0,
      rendererDir: ensureRendererBuild(),
      events,
      dispatch,
    });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(locale: string, hash = ''): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale, colorScheme: 'light' });
    const errors = collectPageErrors(page);
    await page.goto(`${server.url}/settings.html${hash}`);
    return { page, errors };
  }

  it('applies a preset on workstation through fleet.call and shows its relayed progress', async () => {
    const { page, errors } = await open('en-US');
    await page.getByTestId('machine-picker').getByRole('combobox').selectOption('workstation');
    await page.getByRole('button', { name: 'Apply Finance agent' }).click();
    await expect
      .poll(() => calls.filter((c) => c.method === 'fleet.call').map((c) => c.params))
      .toContainEqual({ machine: 'workstation', method: 'presets.apply', params: { id: 'finance' } });
    events.emit('fleet.event', {
      machine: 'workstation',
      event: 'presets.progress',
      payload: {
        presetId: 'finance',
        phase: 'loading',
        step: 1,
        total: 2,
        key: 'qwen',
        sizeBytes: null,
        elapsedMs: 9,
        message: null,
      },
    });
    const progress = page.getByTestId('machine-apply-progress');
    await expect.poll(() => progress.textContent()).toContain('Applying Finance agent on workstation…');
    await saveScreenshot(page, 'fleet-presets-apply-en');
    finishApply();
    await expect
      .poll(() => page.getByTestId('machine-apply-result').textContent())
      .toBe('Finance agent is loaded on workstation.');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('adds a machine with the fingerprint it showed, in pt-BR', async () => {
    const { page, errors } = await open('pt-BR', '#settings');
    const form = page.getByTestId('add-machine');
    await form.getByLabel('Nome').fill('gpu-box');
    await form.getByLabel('URL').fill('https://127.0.0.9:7878');
    await form.getByLabel('Token').fill('t0ken');
    await page.getByRole('button', { name: 'Verificar a máquina' }).click();
    expect(await page.getByTestId('fingerprint').textContent()).toBe(FINGERPRINT);
    await saveScreenshot(page, 'fleet-add-machine-pt-BR');
    await page.getByRole('button', { name: 'Adicionar gpu-box' }).click();
    await page.getByText('gpu-box adicionada.').waitFor();
    expect(calls.find((c) => c.method === 'fleet.add')?.params).toEqual({
      name: 'gpu-box',
      url: 'https://127.0.0.9:7878',
      kind: 'loadout',
      token: 't0ken',
      fingerprint: FINGERPRINT,
    });
    expect(await page.getByTestId('machine-entry').count()).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
