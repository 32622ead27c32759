/**
 * End to end in a real browser: the built renderer served by `loadout serve` over the LM Studio
 * emulator and the fake nvidia-smi, driven in Debian's Chromium. Screenshots of every window are
 * kept in test-results/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ApiSocket } from '../support/server-harness';
import { collectPageErrors, launchChromium, saveScreenshot } from './browser-session';
import { findChromium } from './find-chromium';
import { ensureRendererBuild } from './renderer-build';
import { startServedApp, type ServedApp } from './serve-process';

const CODER = {
  id: 'coder',
  name: 'Coder',
  description: 'Coding with a small helper',
  exclusive: true,
  builtIn: false,
  models: [{ key: 'qwen2.5-coder-14b-instruct' }, { key: 'llama-3.2-1b-instruct' }],
};
const MISSING = {
  id: 'missing',
  name: 'Not downloaded',
  description: '',
  exclusive: true,
  builtIn: false,
  models: [{ key: 'no-such-model-70b-instruct' }],
};

let app: ServedApp;
let browser: Browser;
let api: ApiSocket;

async function loadedKeysInEmulator(): Promise<string[]> {
  const res = await fetch(`${app.emulator.url}/api/v1/models`);
  const body = (await res.json()) as { models: Array<{ key: string; loaded_instances: unknown[] }> };
  return body.models
    .filter((m) => m.loaded_instances.length > 0)
    .map((m) => m.key)
    .sort();
}

async function openWindow(
  name: string,
  viewport = { width: 1280, height: 900 },
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport, locale: 'en-US', colorScheme: 'light' });
  const errors = collectPageErrors(page);
  await page.goto(`${app.url}/${name}.html`);
  return { page, errors };
}

describe('the windows in Chromium against loadout serve', () => {
  beforeAll(async () => {
    findChromium(); // Fails the suite with the apt-get install message when Chromium is missing.
    const dir = ensureRendererBuild();
    app = await startServedApp(dir);
    browser = await launchChromium();
    api = await ApiSocket.connect(Number(new URL(app.url).port));
    for (const preset of [CODER, MISSING]) {
      const saved = await api.call('presets.save', { preset });
      expect(saved.error, JSON.stringify(saved.error)).toBeUndefined();
    }
  }, 120_000);

  afterAll(async () => {
    api?.close();
    await browser?.close();
    await app?.close();
  });

  it('the monitor shows the GPU and its live power', async () => {
    const { page, errors } = await openWindow('monitor');
    await page.getByTestId('gpu-name').filter({ hasText: 'NVIDIA H200' }).waitFor({ timeout: 20_000 });
    const power = page.getByTestId('stat-power').locator('.value');
    await expect.poll(async () => power.textContent(), { timeout: 20_000 }).toMatch(/^\d[\d,.]* W$/);
    const first = await power.textContent();
    // The fake nvidia-smi replays a real load trace: the power reading moves within a few samples.
    await expect.poll(async () => power.textContent(), { timeout: 30_000, interval: 500 }).not.toBe(first);
    await expect.poll(async () => page.locator('.chart canvas').count()).toBeGreaterThanOrEqual(8);
    await page.waitForTimeout(6000); // A few more seconds of samples make the screenshot's charts readable.
    await saveScreenshot(page, 'monitor');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(500);
    await saveScreenshot(page, 'monitor-dark');
    await page.getByRole('button', { name: '24 h' }).click();
    await page
      .getByRole('note')
      .filter({ hasText: /energy ledger|not available/ })
      .waitFor({ timeout: 10_000 });
    await expect.poll(async () => page.locator('.chart canvas').count()).toBeGreaterThanOrEqual(8);
    await saveScreenshot(page, 'monitor-24h', false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('speaks Brazilian Portuguese when the browser does', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'pt-BR' });
    await page.goto(`${app.url}/monitor.html`);
    await page.getByRole('heading', { name: 'Monitor de hardware' }).waitFor({ timeout: 20_000 });
    await page.getByText('Potência').first().waitFor();
    await saveScreenshot(page, 'monitor-pt-br', false);
    await page.close();
  });

  it('creates a preset from the catalog with live memory-fit feedback', async () => {
    const { page, errors } = await openWindow('settings');
    await page.getByRole('button', { name: 'New' }).click();
    const editor = page.getByTestId('preset-editor');
    await editor.getByLabel('Name').fill('Quick 7B');
    await editor.getByRole('button', { name: /Add model/ }).click();
    await page.getByTestId('model-picker').getByLabel('Search models').fill('qwen2.5-7b');
    await page.getByTestId('model-picker').getByRole('option').first().click();
    await expect
      .poll(async () => editor.getByTestId('fit').textContent(), { timeout: 20_000 })
      .toMatch(/Fits|Does not fit/);
    await saveScreenshot(page, 'presets-editor');
    await editor.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('preset-item-quick-7b').waitFor({ timeout: 10_000 });
    const stored = await api.call('presets.get', { id: 'quick-7b' });
    expect(stored.result).toMatchObject({ name: 'Quick 7B', models: [{ key: 'qwen2.5-7b-instruct' }] });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a preset applied from the presets screen loads its models in LM Studio', async () => {
    const { page, errors } = await openWindow('settings');
    await page.getByTestId('preset-item-coder').click();
    await page.getByTestId('preset-editor').getByRole('heading', { name: 'Coder' }).waitFor();
    await page.getByTestId('apply-preset').click();
    const result = page.getByTestId('apply-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toContain('Coder is loaded');
    expect(await loadedKeysInEmulator()).toEqual(['llama-3.2-1b-instruct', 'qwen2.5-coder-14b-instruct']);
    await expect.poll(async () => page.getByTestId('preset-item-coder').textContent()).toContain('Active');
    await saveScreenshot(page, 'presets-applied');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a refused preset shows why and changes nothing', async () => {
    const before = await loadedKeysInEmulator();
    const { page } = await openWindow('settings');
    await page.getByTestId('preset-item-missing').click();
    await page.getByTestId('preset-editor').getByRole('heading', { name: 'Not downloaded' }).waitFor();
    await page.getByTestId('apply-preset').click();
    const result = page.getByTestId('apply-result');
    await result.waitFor({ timeout: 30_000 });
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('Not downloaded was not applied');
    expect(text).toMatch(/no-such-model-70b-instruct|downloaded/);
    expect(await result.getAttribute('role')).toBe('alert');
    expect(await loadedKeysInEmulator()).toEqual(before);
    await saveScreenshot(page, 'presets-refused');
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByTestId('token-state').waitFor();
    await saveScreenshot(page, 'settings');
    await page.close();
  });

  it('the quick chat words the routing reason in Brazilian Portuguese', async () => {
    if (!(await loadedKeysInEmulator()).includes('qwen2.5-coder-14b-instruct')) {
      expect((await api.call('presets.apply', { id: 'coder' })).result).toMatchObject({ result: 'ok' });
    }
    const page = await browser.newPage({ viewport: { width: 680, height: 560 }, locale: 'pt-BR' });
    const errors = collectPageErrors(page);
    await page.goto(`${app.url}/quickchat.html`);
    const prompt = page.getByLabel('Faça uma pergunta');
    await prompt.fill(
      'Por que este código Python falha?\n```python\nprint(1/0)\n```\nZeroDivisionError: division by zero',
    );
    await expect
      .poll(async () => page.getByTestId('chip-reason').textContent(), { timeout: 20_000 })
      .toMatch(/^código detectado → qwen2\.5-coder-14b-instruct, modelo de código/);
    await page.keyboard.press('Alt+KeyM');
    const menu = page.getByRole('listbox', { name: 'Modelo para as próximas perguntas' });
    await expect.poll(async () => menu.getByRole('option').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    expect(await menu.getByRole('option').first().textContent()).toContain('Automático');
    expect(await menu.getByRole('option').nth(1).textContent()).toMatch(/nota \d/);
    await saveScreenshot(page, 'quickchat-routed-pt-br', false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the quick chat routes a code question, streams the answer, and keeps a 👍', async () => {
    // Standalone: the Coder preset (a coder model and a small one) is loaded unless an earlier test did it.
    if (!(await loadedKeysInEmulator()).includes('qwen2.5-coder-14b-instruct')) {
      expect((await api.call('presets.apply', { id: 'coder' })).result).toMatchObject({ result: 'ok' });
    }
    const { page, errors } = await openWindow('quickchat', { width: 680, height: 560 });
    const chip = page.getByTestId('model-chip');
    await expect.poll(async () => page.getByTestId('chip-model').textContent(), { timeout: 20_000 }).toBeTruthy();
    const prompt = page.getByLabel('Ask a question');
    await prompt.fill(
      'Fix this Python error:\n```python\ndef greet(name)\n    print("hi", name)\n```\nSyntaxError: expected \':\'',
    );
    // The chip follows the prompt: a code question goes to the coder, and it says why.
    await expect
      .poll(async () => page.getByTestId('chip-reason').textContent(), { timeout: 10_000 })
      .toMatch(/^code detected → qwen2\.5-coder-14b-instruct/);
    expect(await page.getByTestId('chip-model').textContent()).toMatch(/coder/i);
    expect(await chip.getAttribute('title')).toContain('Alt+M');
    await prompt.press('Enter');
    const answer = page.getByTestId('answer').last();
    await expect
      .poll(async () => ((await answer.textContent()) ?? '').trim().length, { timeout: 30_000 })
      .toBeGreaterThan(10);
    await page.getByRole('button', { name: 'Send' }).waitFor({ timeout: 60_000 }); // Stop turns back into Send when the answer ends.
    expect(await page.getByTestId('chat-log').locator('.turn-user').textContent()).toContain('SyntaxError');
    await expect
      .poll(async () => answer.getByTestId('answer-facts').textContent(), { timeout: 10_000 })
      .toMatch(/coder.* · 1st token \d+ ms · [\d.]+ tok\/s/i);

    const up = answer.getByRole('button', { name: 'Good answer' });
    await up.click();
    await expect.poll(async () => up.getAttribute('aria-pressed')).toBe('true');
    // Stored in loadout.db: the conversation is kept and its answer carries the 👍.
    const history = (await api.call('chat.history', { limit: 5 })).result as {
      conversations: Array<{ id: string; title: string }>;
    };
    expect(history.conversations[0]?.title).toContain('Fix this Python error');
    type Kept = { messages: Array<{ role: string; model: string | null; rating: number | null }> };
    const keptAnswer = async () =>
      ((await api.call('chat.conversation', { id: history.conversations[0]!.id })).result as Kept).messages.find(
        (m) => m.role === 'assistant',
      );
    await expect.poll(keptAnswer).toMatchObject({ model: 'qwen2.5-coder-14b-instruct', rating: 1 });

    // The chip's menu: Auto and the runners-up with their scores; a pick holds for the next question.
    await page.keyboard.press('Alt+KeyM');
    const menu = page.getByRole('listbox', { name: 'Model for the next questions' });
    await menu.waitFor();
    await expect.poll(async () => menu.getByRole('option').count()).toBeGreaterThanOrEqual(3);
    expect(await menu.getByRole('option').nth(0).textContent()).toMatch(/Auto.*now: Qwen2\.5 Coder/); // The conversation so far is about code.
    expect(await menu.getByRole('option').nth(1).textContent()).toMatch(/score \d/);
    await saveScreenshot(page, 'quickchat-routed', false);
    await menu.getByRole('option', { name: /^Llama/ }).click();
    await expect
      .poll(async () => page.getByTestId('chip-reason').textContent())
      .toMatch(/^chosen by you → llama-3\.2-1b-instruct/);
    expect(errors).toEqual([]);
    await page.close();

    // The conversation is kept: a fresh window reopens it from History, 👍 and all.
    const fresh = await openWindow('quickchat', { width: 680, height: 560 });
    await fresh.page.getByRole('button', { name: 'History' }).click();
    const recent = fresh.page.getByRole('listbox', { name: 'Recent conversations' });
    await recent.waitFor();
    await saveScreenshot(fresh.page, 'quickchat-history', false);
    await recent.getByRole('option', { name: /Fix this Python error/ }).click();
    await expect
      .poll(async () => fresh.page.getByRole('button', { name: 'Good answer' }).getAttribute('aria-pressed'), {
        timeout: 10_000,
      })
      .toBe('true');
    expect(await fresh.page.getByTestId('chat-log').locator('.turn-user').textContent()).toContain('SyntaxError');
    expect(fresh.errors).toEqual([]);
    await fresh.page.close();
  });

  // Machines are added in the Machines section (fleet.inspect → fleet.add): tests/renderer/settings/fleet-settings-chromium.
  it('the routing settings save the cloud fallback and the local API from the keyboard-labelled form', async () => {
    const { page, errors } = await openWindow('settings');
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('checkbox', { name: /Allow loading a model/ }).check();
    await page.getByRole('checkbox', { name: /Serve an OpenAI-compatible API/ }).check();
    await page.getByRole('checkbox', { name: /Use a cloud model/ }).check();
    await page.getByLabel('Base URL (with /v1)').fill('https://api.example.com/v1');
    await page.getByLabel('Model', { exact: true }).fill('gpt-x');
    const form = page.getByRole('form', { name: 'Local API and routing' });
    await form.getByRole('button', { name: 'Save API and routing' }).click();
    await expect.poll(async () => form.getByRole('status').textContent(), { timeout: 10_000 }).toBe('Settings saved.');
    expect(await page.getByTestId('local-api-url').textContent()).toContain('http://127.0.0.1:1235/v1');
    const saved = (await api.call('settings.get', undefined)).result as {
      routing: { allowJitLoad: boolean; cloud: { enabled: boolean; model: string } };
      server: { openAiEndpoint: boolean };
    };
    expect(saved.routing.allowJitLoad).toBe(true);
    expect(saved.routing.cloud).toMatchObject({ enabled: true, model: 'gpt-x', hasApiKey: false });
    expect(saved.server.openAiEndpoint).toBe(true);
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      document.querySelector('.window-body')?.scrollTo(0, 0);
    });
    await saveScreenshot(page, 'settings-routing');
    // Put routing back so no other test routes to a machine or a cloud that does not exist.
    await api.call('settings.set', {
      server: { openAiEndpoint: false },
      routing: { allowJitLoad: false, cloud: { enabled: false } },
    });
    expect(errors).toEqual([]);
    await page.close();
  });
});
