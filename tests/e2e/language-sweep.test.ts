/**
 * Every window in Chromium, in pt-BR and in English, against an English `loadout serve`: no word of the
 * other language on screen (outside names and units), and money in the window's own currency.
 * The other language's vocabulary is what its catalog says that this language's catalog never does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { en } from '../../shared/i18n/en';
import { ptBR } from '../../shared/i18n/pt-br';
import { ApiSocket } from '../integration/server/server-harness';
import { collectPageErrors, launchChromium, saveScreenshot } from './browser-session';
import { findChromium } from './find-chromium';
import { ensureRendererBuild } from './renderer-build';
import { startServedApp, type ServedApp } from './serve-process';

type Language = 'en' | 'pt-BR';

function words(tree: unknown, out = new Set<string>()): Set<string> {
  if (typeof tree === 'string') for (const w of tree.replace(/\{\{\w+\}\}/g, ' ').toLowerCase().match(/\p{L}{3,}/gu) ?? []) out.add(w);
  else if (tree && typeof tree === 'object') for (const v of Object.values(tree)) words(v, out);
  return out;
}

/** Names, units and loanwords that both languages print as they are. */
const SHARED = new Set(['loadout', 'studio', 'nvidia', 'geforce', 'ryzen', 'intel', 'amd', 'instruct', 'qwen', 'coder', 'llama', 'gemma', 'mistral', 'deepseek', 'phi', 'gguf', 'mlx', 'rest', 'api', 'url', 'http', 'https', 'json', 'csv', 'markdown', 'token', 'tokens', 'tok', 'kwh', 'gib', 'ram', 'vram', 'gpu', 'cpu', 'preset', 'presets', 'driver', 'benchmark', 'benchmarks', 'openai', 'lms', 'cli', 'ttl', 'chat', 'auto', 'alt', 'ctrl', 'shift', 'space', 'enter', 'cuda', 'smi', 'max', 'min', 'total', 'log', 'windows', 'linux', 'macos']);
const enOnly = [...words(en)].filter((w) => !words(ptBR).has(w) && !SHARED.has(w));
const ptOnly = [...words(ptBR)].filter((w) => !words(en).has(w) && !SHARED.has(w));
const FOREIGN: Record<Language, Set<string>> = { 'pt-BR': new Set(enOnly), en: new Set(ptOnly) };

/** Foreign words in a page's visible text, each with the line it stands in. */
async function foreignWords(page: Page, language: Language): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  return text.split('\n').flatMap((line) => (line.toLowerCase().match(/\p{L}{3,}/gu) ?? []).filter((w) => FOREIGN[language].has(w)).map((w) => `${w} ← "${line.trim().slice(0, 120)}"`));
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

  it.each(['monitor', 'settings', 'quickchat'])('%s shows no word of the other language', async (window) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 }, locale: language });
    const errors = collectPageErrors(page);
    await page.goto(`${app.url}/${window}.html`);
    await page.locator('html[lang="' + language + '"]').waitFor({ timeout: 20_000 });
    if (window === 'monitor') {
      await page.getByTestId('profile').locator('table').waitFor({ timeout: 30_000 });
      await page.getByTestId('lmstudio-level').waitFor({ timeout: 20_000 });
      const today = page.getByTestId('energy-today').locator('.sub');
      await expect.poll(async () => (await today.textContent())?.trim(), { timeout: 90_000, interval: 1000 }).toMatch(money);
    } else {
      await page.waitForTimeout(3000); // The lists (presets, models) arrive over the socket.
    }
    await saveScreenshot(page, `sweep-${window}-${language}`);
    expect(await foreignWords(page, language)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 150_000);
});
