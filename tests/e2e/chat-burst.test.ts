/**
 * Issue 12, item 5: the quick chat renders an answer at any stream speed. A burst of deltas (50,000 tok/s)
 * once made React throw #185 (maximum update depth) and left the answer as plain text; a whole answer in
 * one chunk must render as Markdown too, even when the Markdown module arrives after the last delta.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import { ApiSocket } from '../support/server-harness';
import { collectPageErrors, launchChromium, saveScreenshot } from './browser-session';
import { findChromium } from './find-chromium';
import { ensureRendererBuild } from './renderer-build';
import { startServedApp, type ServedApp } from './serve-process';

const HEAD = ['# Streaming check', '', 'Some **bold** words.', '', '```python', 'print("rendered")', '```', ''].join(
  '\n',
);
/** About 4,000 tokens: the emulator sends one chunk per word. */
const LONG_ANSWER =
  HEAD + Array.from({ length: 400 }, (_, i) => `Paragraph ${i} has a few plain words in it.`).join('\n\n');
/** 1.4 KB, sent in one chunk. */
const SHORT_ANSWER =
  HEAD +
  '\n' +
  Array.from({ length: 32 }, (_, i) => `- item ${String(i).padStart(2, '0')} of the list, rendered as Markdown`).join(
    '\n',
  );

let app: ServedApp;
let browser: Browser;
let api: ApiSocket;

async function setEmulator(control: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${app.emulator.url}/__emulator/control`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(control),
  });
  expect(res.ok).toBe(true);
}

/** Open the quick chat, ask, and wait until the answer has ended (Stop turns back into Send). */
async function askAndWait(page: Page, question: string): Promise<void> {
  await page.goto(`${app.url}/quickchat.html`);
  const prompt = page.getByLabel('Ask a question');
  await prompt.fill(question);
  await prompt.press('Enter');
  await page.getByTestId('answer-facts').waitFor({ timeout: 60_000 });
}

describe('the quick chat under any stream speed', () => {
  beforeAll(async () => {
    findChromium();
    app = await startServedApp(ensureRendererBuild());
    browser = await launchChromium();
    api = await ApiSocket.connect(Number(new URL(app.url).port));
    expect((await api.call('presets.apply', { id: 'light' })).result).toMatchObject({ result: 'ok' });
  }, 120_000);

  afterAll(async () => {
    api?.close();
    await browser?.close();
    await app?.close();
  });

  it('renders a 50,000 tok/s answer of thousands of tokens, whole and as Markdown, with no React error', async () => {
    await setEmulator({ tokensPerSecond: 50_000, timeToFirstTokenMs: 0, answerText: LONG_ANSWER, singleChunk: false });
    const page = await browser.newPage({ viewport: { width: 680, height: 560 }, locale: 'en-US' });
    const errors = collectPageErrors(page);
    await askAndWait(page, 'Write a long answer');
    const answer = page.getByTestId('answer').last();
    await answer.getByRole('heading', { name: 'Streaming check' }).waitFor({ timeout: 10_000 });
    expect(await answer.locator('pre code').textContent()).toBe('print("rendered")\n');
    expect(await answer.locator('strong').first().textContent()).toBe('bold');
    expect(await answer.locator('.md > p').count()).toBe(401);
    expect(await answer.locator('.md > p').last().textContent()).toBe('Paragraph 399 has a few plain words in it.');
    expect(await answer.locator('.plain-answer').count()).toBe(0);
    await saveScreenshot(page, 'quickchat-burst', false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders a 1.4 KB answer sent in one chunk as Markdown, even when the Markdown module loads after it', async () => {
    expect(SHORT_ANSWER.length).toBeGreaterThanOrEqual(1400);
    await setEmulator({ tokensPerSecond: 50_000, timeToFirstTokenMs: 0, answerText: SHORT_ANSWER, singleChunk: true });
    const page = await browser.newPage({ viewport: { width: 680, height: 560 }, locale: 'en-US' });
    const errors = collectPageErrors(page);
    // Hold the lazy Markdown chunk until the answer has ended, so the text is all there before it can render.
    let held: Route | null = null;
    await page.route(/markdown-answer-[^/]*\.js$/, (route) => {
      held = route;
    });
    await askAndWait(page, 'Write a short answer');
    const answer = page.getByTestId('answer').last();
    expect(await answer.locator('.plain-answer').textContent()).toBe(SHORT_ANSWER);
    await expect.poll(() => held !== null, { timeout: 10_000 }).toBe(true);
    await (held as Route | null)?.continue();
    await answer.getByRole('heading', { name: 'Streaming check' }).waitFor({ timeout: 10_000 });
    expect(await answer.locator('pre code').textContent()).toBe('print("rendered")\n');
    expect(await answer.locator('li').count()).toBe(32);
    expect(await answer.locator('.plain-answer').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
