/**
 * The monitor across the desk end to end: the built monitor in Chromium, served by a real `loadout
 * serve` whose fleet watch reaches a real agent (another `loadout serve` on 127.0.0.2 with its own
 * LM Studio emulator and replayed GPU). The overview shows the agent's card, and opening it shows the
 * agent's own loaded model and GPU, relayed by the main core through fleet.call.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { collectPageErrors, launchChromium, saveScreenshot } from '../../e2e/browser-session';
import { findChromium } from '../../e2e/find-chromium';
import { ensureRendererBuild } from '../../e2e/renderer-build';
import { startServedApp, type ServedApp } from '../../e2e/serve-process';
import { SettingsStore } from '../../../electron/core/settings/settings-store';
import { startFleetAgent, type FleetAgent } from '../../support/fleet-agents';
import { ApiSocket } from '../../support/server-harness';

const TOKEN = 'agent-token-for-the-fleet-monitor';
const MODEL = 'qwen2.5-7b-instruct';

let agent: FleetAgent;
let app: ServedApp;
let api: ApiSocket;
let browser: Browser;

describe('the fleet monitor against a real agent', () => {
  beforeAll(async () => {
    findChromium();
    agent = await startFleetAgent('127.0.0.2', TOKEN, [MODEL]);
    // serve has no keychain: the machine is in its settings and its token in LOADOUT_MACHINE_TOKEN_LAB.
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-fleet-monitor-'));
    new SettingsStore({ dataDir: home }).update((s) => ({
      ...s,
      machines: [{ name: 'lab', url: agent.url, kind: 'loadout' as const }],
    }));
    app = await startServedApp(ensureRendererBuild(), { home, env: { LOADOUT_MACHINE_TOKEN_LAB: TOKEN } });
    api = await ApiSocket.connect(Number(new URL(app.url).port));
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    api?.close();
    await browser?.close();
    await app?.close();
    await agent?.stop();
  });

  it("shows the agent's card and opens its monitor with its own model and GPU", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
    const errors = collectPageErrors(page);
    await page.goto(`${app.url}/monitor.html`);
    await page.getByTestId('machine-switcher').selectOption({ label: 'All machines' }, { timeout: 60_000 });
    const card = page.getByTestId('machine-card-lab');
    // The watch's first look at the agent may come after the window opened: fleet.changed brings it.
    await expect.poll(() => card.getByTestId('machine-models').textContent(), { timeout: 60_000 }).toContain(MODEL);
    expect(await card.getByTestId('machine-state').textContent()).toContain('Online since');
    await saveScreenshot(page, 'fleet-agent-overview');
    await card.getByRole('button', { name: 'Open the monitor of lab' }).click();
    const monitor = page.getByTestId('machine-monitor');
    await monitor.waitFor();
    await monitor.getByText(MODEL).first().waitFor({ timeout: 30_000 });
    await expect.poll(() => monitor.getByTestId('stat-power').textContent(), { timeout: 30_000 }).toMatch(/\d W/);
    await saveScreenshot(page, 'fleet-agent-monitor');
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
