/**
 * Every window in Chromium, in pt-BR and in English, against an English `loadout serve`: no word of the
 * other language on screen (outside names and units), and money in the window's own currency.
 * The other language's vocabulary is what its catalog says that this language's catalog never does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { foreignWords, type Language } from './foreign-words';
import { ApiSocket } from '../support/server-harness';
import { collectPageErrors, launchChromium, saveScreenshot } from './browser-session';
import { findChromium } from './find-chromium';
import { ensureRendererBuild } from './renderer-build';
import { startServedApp, type ServedApp } from './serve-process';

/** Foreign words in a page's visible text (the checker the CLI's language test shares). */
async function foreignWordsOnPage(page: Page, language: Language): Promise<string[]> {
  return foreignWords(await page.evaluate(() => document.body.innerText), language);
}

let app: ServedApp;
let browser: Browser;
let api: ApiSocket;

describe.each<[Language, RegExp]>([
  ['pt-BR', /R\$/],
  ['en', /^\$/],
])('the windows in %s on an English server', (language, money) => {
  beforeAll(async () => {
    findChromium();
    app = await startServedApp(ensureRendererBuild(), { locale: 'en_US.UTF-8' });
    browser = await launchChromium();
    api = await ApiSocket.connect(Number(new URL(app.url).port));
    const saved = await api.call('settings.set', { ui: { language }, energy: { tariff: 0.89 } });
    expect(saved.error, JSON.stringify(saved.error)).toBeUndefined();
    expect((await api.call('presets.apply', { id: 'dual-7b' })).error).toBeUndefined();
  }, 120_000);

  afterAll(async () => {
    api?.close();
    await browser?.close();
    await app?.close();
  });

  it.each(['monitor', 'settings', 'quickchat'])(
    '%s shows no word of the other language',
    async (window) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1600 }, locale: language });
      const errors = collectPageErrors(page);
      await page.goto(`${app.url}/${window}.html`);
      await page.locator('html[lang="' + language + '"]').waitFor({ timeout: 20_000 });
      if (window === 'monitor') {
        await page.getByTestId('profile').locator('table').waitFor({ timeout: 30_000 });
        await page.getByTestId('lmstudio-level').waitFor({ timeout: 20_000 });
        const today = page.getByTestId('energy-today').locator('.sub');
        await expect
          .poll(async () => (await today.textContent())?.trim(), { timeout: 90_000, interval: 1000 })
          .toMatch(money);
      } else {
        await page.waitForTimeout(3000); // The lists (presets, models) arrive over the socket.
      }
      await saveScreenshot(page, `sweep-${window}-${language}`);
      expect(await foreignWordsOnPage(page, language)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    },
    150_000,
  );
});
