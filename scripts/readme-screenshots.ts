/**
 * The README's screenshots: the monitor and the presets editor, in English and pt-BR, from `loadout serve`
 * over the LM Studio emulator and the fake nvidia-smi, with a preset applied (models loaded), a tariff and
 * a minute of energy in the ledger. Run with `npx tsx scripts/readme-screenshots.ts`; writes docs/screenshots/.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { ApiSocket } from '../tests/support/server-harness';
import { launchChromium } from '../tests/e2e/browser-session';
import { ensureRendererBuild, REPO_ROOT } from '../tests/e2e/renderer-build';
import { startServedApp } from '../tests/e2e/serve-process';

const OUT = path.join(REPO_ROOT, 'docs', 'screenshots');
const LOCALES = [
  ['en', 'en-US'],
  ['pt-BR', 'pt-BR'],
] as const;

async function shoot(
  browser: Browser,
  url: string,
  locale: string,
  page: 'monitor' | 'settings',
  file: string,
): Promise<void> {
  const tab = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale, colorScheme: 'light' });
  await tab.goto(`${url}/${page}.html`);
  if (page === 'monitor') {
    await tab.getByTestId('gpu-name').filter({ hasText: 'NVIDIA H200' }).waitFor({ timeout: 30_000 });
    await tab.waitForTimeout(3000); // charts and the energy panel catch up with the samples
  } else {
    await tab.getByTestId('preset-item-dev').click(); // not the active one: its fit box shows what loading it needs
    await tab.getByTestId('preset-editor').getByTestId('fit').waitFor({ timeout: 30_000 });
    await tab.waitForTimeout(2000);
  }
  await tab.screenshot({ path: path.join(OUT, file), fullPage: page === 'monitor' });
  await tab.close();
}

const app = await startServedApp(ensureRendererBuild());
let browser: Browser | null = null;
try {
  const api = await ApiSocket.connect(Number(new URL(app.url).port));
  const tariff = await api.call('settings.set', { energy: { tariff: 0.89 } });
  if (tariff.error) throw new Error(JSON.stringify(tariff.error));
  const applied = await api.call('presets.apply', { id: 'multi-agent' });
  if (applied.error) throw new Error(JSON.stringify(applied.error));
  api.close();
  // A minute of replayed H200 readings: the charts fill and the ledger holds real (small) amounts.
  await new Promise((resolve) => setTimeout(resolve, 60_000));
  browser = await launchChromium();
  for (const [name, locale] of LOCALES) {
    await shoot(browser, app.url, locale, 'monitor', `monitor-${name}.png`);
    await shoot(browser, app.url, locale, 'settings', `presets-editor-${name}.png`);
  }
  process.stdout.write(`Screenshots written to ${OUT}\n`);
} finally {
  await browser?.close();
  await app.close();
}
