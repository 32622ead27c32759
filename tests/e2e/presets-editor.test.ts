/**
 * The presets editor in Chromium against `loadout serve` over the LM Studio emulator: a built-in reads as
 * the models it loads (name, quantization, size), its selector one click away; a slot whose named families
 * are not downloaded says what stands in; and the fit box's figures agree with its verdict.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { ApiSocket } from '../support/server-harness';
import { collectPageErrors, launchChromium, saveScreenshot } from './browser-session';
import { findChromium } from './find-chromium';
import { ensureRendererBuild } from './renderer-build';
import { startServedApp, type ServedApp } from './serve-process';

/** Eight DeepSeek Coder 33B all on the GPU at 16k: ~180 GiB, more than the fake H200's 140 GiB. */
const HUGE = {
  id: 'huge',
  name: 'Too big',
  description: '',
  exclusive: true,
  builtIn: false,
  models: Array.from({ length: 8 }, () => ({
    key: 'deepseek-coder-33b-instruct',
    contextLength: 16384,
    gpuOffload: 'max' as const,
  })),
};

let app: ServedApp;
let browser: Browser;

async function openPreset(id: string): Promise<{ page: Page; editor: Locator; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
  const errors = collectPageErrors(page);
  await page.goto(`${app.url}/settings.html`);
  await page.getByTestId(`preset-item-${id}`).click();
  return { page, editor: page.getByTestId('preset-editor'), errors };
}

/** The fit headline (without the advice under it) and its GiB figures in order: need, free, margin. */
async function fitFigures(editor: Locator): Promise<{ text: string; figures: number[] }> {
  const fit = editor.getByTestId('fit');
  await expect.poll(async () => fit.textContent(), { timeout: 30_000 }).toMatch(/^(Fits|Does not fit)/);
  const banner = fit.locator('.banner').first();
  const advice = (await banner.locator('.small').allTextContents()).join('');
  const text = ((await banner.textContent()) ?? '').replace(advice, '');
  return { text, figures: [...text.matchAll(/([\d,]+(?:\.\d+)?) GiB/g)].map((m) => Number(m[1]!.replace(/,/g, ''))) };
}

describe('the presets editor in Chromium', () => {
  beforeAll(async () => {
    findChromium(); // Fails the suite with the apt-get install message when Chromium is missing.
    const dir = ensureRendererBuild();
    app = await startServedApp(dir);
    browser = await launchChromium();
    const api = await ApiSocket.connect(Number(new URL(app.url).port));
    const saved = await api.call('presets.save', { preset: HUGE });
    api.close();
    expect(saved.error, JSON.stringify(saved.error)).toBeUndefined();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows a built-in as the model it loads, with the selector one click away', async () => {
    const { page, editor, errors } = await openPreset('dev');
    const row = editor.getByTestId('resolved-model').first();
    await row.getByText('DeepSeek Coder 33B Instruct').waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toMatch(/33B · Q4_K_M · 18\.6 GiB/);
    expect(await editor.textContent()).not.toContain('family:');
    await editor.getByTestId('toggle-selectors').click();
    expect(await editor.getByTestId('model-selector').first().textContent()).toBe(
      'family:deepseek-coder|qwen2.5-coder|codellama|qwen3-coder@33b:q4_k_m',
    );
    await editor.getByRole('button', { name: 'Hide selectors' }).click();
    expect(await editor.getByTestId('model-selector').count()).toBe(0);
    const {
      text,
      figures: [need, free, margin],
    } = await fitFigures(editor);
    expect(text).toMatch(/^Fits on the GPU/);
    expect(need!).toBeLessThanOrEqual(free!);
    expect(margin!).toBeCloseTo(free! - need!, 1);
    await saveScreenshot(page, 'presets-editor-dev');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says which slot loads a stand-in because no 7B coder is downloaded', async () => {
    const { page, editor, errors } = await openPreset('dual-7b');
    const note = editor.getByTestId('substitute-note');
    await note.waitFor({ timeout: 30_000 });
    expect(await note.count()).toBe(1);
    expect(await note.textContent()).toBe(
      'Stand-in: no qwen2.5-coder, deepseek-coder, codellama model of ~7B is downloaded. Get one in LM Studio to use it here.',
    );
    expect(await editor.getByTestId('resolved-model').allTextContents()).not.toContainEqual(
      expect.stringContaining('Qwen2 VL'),
    );
    await saveScreenshot(page, 'presets-editor-dual-7b');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a set that does not fit shows a need larger than the free memory', async () => {
    const { page, editor, errors } = await openPreset('huge');
    const {
      text,
      figures: [need, free, short],
    } = await fitFigures(editor);
    expect(text).toMatch(/^Does not fit on the GPU: needs about/);
    expect(need!).toBeGreaterThan(free!);
    expect(short!).toBeCloseTo(need! - free!, 1);
    await saveScreenshot(page, 'presets-editor-huge');
    expect(errors).toEqual([]);
    await page.close();
  });
});
