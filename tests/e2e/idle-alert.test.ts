/**
 * The idle-power alert end to end: `loadout serve` on the fake nvidia-smi (the real H200 trace, whose
 * idle stretches draw 78–124 W at 0 % utilization), a test-only watchdog of 5 W over the baseline for
 * 3 s set through settings.set, the alert card in the built monitor in Chromium, and its
 * "Unload all models (Gaming)" button applying the Gaming preset against the LM Studio emulator.
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

describe('the idle-power alert in Chromium against loadout serve', () => {
  beforeAll(async () => {
    findChromium();
    app = await startServedApp(ensureRendererBuild());
    browser = await launchChromium();
    api = await ApiSocket.connect(Number(new URL(app.url).port));
    const saved = await api.call('settings.set', {
      energy: { idleWatchdog: { enabled: true, thresholdW: 5, minutes: 0.05 } },
    });
    expect(saved.result, JSON.stringify(saved)).toMatchObject({
      energy: { idleWatchdog: { thresholdW: 5, minutes: 0.05 } },
    });
  }, 120_000);

  afterAll(async () => {
    api?.close();
    await browser?.close();
    await app?.close();
  });

  it('shows the alert and unloads all models through the Gaming preset', async () => {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 900 },
      locale: 'en-US',
      colorScheme: 'light',
    });
    const errors = collectPageErrors(page);
    await page.goto(`${app.url}/monitor.html`);
    const card = page.getByTestId('idle-alert');
    // The watchdog re-reads the settings within 5 s; the trace's next idle stretch then lasts long enough.
    await card.waitFor({ timeout: 60_000 });
    expect(await card.textContent()).toMatch(/has drawn \d+(\.\d)? W for 0\.05 min with nothing running/);
    await saveScreenshot(page, 'idle-alert', false);
    await card.getByRole('button', { name: 'Unload all models (Gaming)' }).click();
    await card.getByText('Models unloaded. The GPU can go back to its idle power.').waitFor({ timeout: 30_000 });
    const models = await api.call('models.list');
    expect((models.result as { loaded: unknown[] }).loaded).toEqual([]);
    await saveScreenshot(page, 'idle-alert-unloaded', false);
    await card.getByRole('button', { name: 'Close' }).click();
    await expect.poll(async () => card.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
