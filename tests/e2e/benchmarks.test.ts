/**
 * The Benchmarks view end to end: the built monitor window in Chromium, `loadout serve` running the
 * benchmark against the LM Studio emulator (200 tok/s) and the fake nvidia-smi, the result in the table,
 * rated in the UI, and its Markdown in the document's template through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ApiSocket } from '../support/server-harness';
import { collectPageErrors, launchChromium, saveScreenshot } from './browser-session';
import { findChromium } from './find-chromium';
import { ensureRendererBuild } from './renderer-build';
import { startServedApp, type ServedApp } from './serve-process';

let app: ServedApp;
let browser: Browser;
let api: ApiSocket;

describe('the Benchmarks view in Chromium against loadout serve', () => {
  beforeAll(async () => {
    findChromium();
    app = await startServedApp(ensureRendererBuild());
    browser = await launchChromium();
    api = await ApiSocket.connect(Number(new URL(app.url).port));
  }, 120_000);

  afterAll(async () => {
    api?.close();
    await browser?.close();
    await app?.close();
  });

  it('runs a benchmark with progress, lists it, rates it, and exports the template', async () => {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 1400 },
      locale: 'en-US',
      colorScheme: 'light',
    });
    const errors = collectPageErrors(page);
    await page.goto(`${app.url}/monitor.html`);
    const panel = page.getByTestId('benchmarks-panel');
    await panel.getByText('No benchmarks yet').waitFor({ timeout: 20_000 });
    await panel.getByTestId('bench-model').selectOption('llama-3.2-1b-instruct');
    await panel.getByLabel('Runs').fill('1');
    await panel.getByLabel('GPU offload').selectOption('max');
    await panel.getByTestId('bench-run').click();
    await panel.getByTestId('bench-progress').waitFor({ timeout: 20_000 });
    await saveScreenshot(page, 'benchmarks-running', false);
    const row = panel.getByTestId('bench-row');
    await row.waitFor({ timeout: 90_000 });
    const speed = Number((await row.locator('td').nth(2).textContent())?.replace(/,/g, ''));
    expect(speed).toBeGreaterThan(190);
    expect(speed).toBeLessThan(210);
    await expect.poll(async () => row.locator('td').nth(1).textContent()).toBe('GPU');

    await row.getByTestId('bench-rate').click();
    const form = panel.getByTestId('bench-rate-form');
    await form.getByRole('radio', { name: '4 of 5 stars' }).click();
    await form.getByLabel('Best for').fill('Sub-agents rápidos');
    await form.getByTestId('bench-rate-save').click();
    await expect.poll(async () => row.getByLabel('4 of 5 stars').textContent()).toBe('★★★★☆');
    await saveScreenshot(page, 'benchmarks', true);

    const exported = await api.call('bench.export', { format: 'md' });
    const text = (exported.result as { text: string }).text;
    expect(text).toMatch(
      /^## Llama 3\.2 1B Instruct - Q4_K_M\n\n\*\*Hardware\*\*: GPU \(NVIDIA H200\)\n\*\*Speed\*\*: /,
    );
    expect(text).toContain('**Quality**: ⭐⭐⭐⭐☆ (4/5)');
    expect(text).toContain('**Best for**: Sub-agents rápidos');
    expect(errors).toEqual([]);
    await page.close();
  }, 150_000);
});
