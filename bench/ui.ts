/**
 * `npm run bench -- ui`: the renderer's budgets, each printed with its ratio to the budget and to a
 * baseline measured in the same run.
 *  1. quick chat initial JS (gzip) from the build output, vs 150 KB (baseline: the whole quick chat incl. lazy chunks);
 *  2. page load → interactive prompt in Chromium, vs 200 ms (baseline: a static page from the same server);
 *  3. the monitor fed 10 min of 1 Hz samples (accelerated), JS heap growth vs 10 % (plus long tasks, i.e. dropped frames).
 * Flags: --minutes N (default 10) --rate N samples per second fed (default 50) --runs N load timings (default 15).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchChromium } from '../tests/e2e/browser-session';
import { ensureRendererBuild } from '../tests/e2e/renderer-build';
import { startFakeCore, syntheticSample } from './_ui-fake-core';

const KB = 1024;
const BUDGET_INITIAL_JS = 150 * KB;
const BUDGET_PROMPT_MS = 200;
const BUDGET_HEAP_GROWTH = 0.1;
const WARM_UP_SAMPLES = 360;

function flag(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}
const gz = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;

/** The JS a page loads before any dynamic import: its entry script and modulepreloads. */
export function initialScripts(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) out.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) out.add(m[1]!);
  return [...out];
}

function measureBundle(dir: string) {
  const html = fs.readFileSync(path.join(dir, 'quickchat.html'), 'utf8');
  const initial = initialScripts(html).map((src) => path.join(dir, src.replace(/^\.\//, '')));
  const initialBytes = initial.reduce((n, f) => n + gz(f), 0);
  const allJs = fs.readdirSync(path.join(dir, 'assets')).filter((f) => f.endsWith('.js'));
  const lazy = allJs.filter((f) => /markdown-answer/.test(f)).map((f) => path.join(dir, 'assets', f));
  const lazyBytes = lazy.reduce((n, f) => n + gz(f), 0);
  return { initialBytes, lazyBytes, files: initial.map((f) => path.basename(f)) };
}

async function timeToPrompt(page: Page, url: string): Promise<number> {
  await page.goto(`${url}/quickchat.html`, { waitUntil: 'commit' });
  await page.waitForFunction(() => performance.getEntriesByName('loadout:prompt-ready').length > 0, undefined, {
    timeout: 10_000,
  });
  return page.evaluate(() => performance.getEntriesByName('loadout:prompt-ready')[0]!.startTime);
}

async function timeStaticPage(page: Page, url: string): Promise<number> {
  await page.goto(`${url}/index.html`, { waitUntil: 'load' });
  return page.evaluate(
    () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
  );
}

/** Run the UI bench. */
export async function main(args: string[]): Promise<void> {
  const minutes = flag(args, 'minutes', 10);
  const rate = flag(args, 'rate', 50);
  const runs = flag(args, 'runs', 15);
  const dir = ensureRendererBuild();

  const bundle = measureBundle(dir);
  console.log('1. Quick chat initial JavaScript (gzip, from out/renderer)');
  console.log(`   initial: ${kb(bundle.initialBytes)} (${bundle.files.join(', ')})`);
  console.log(
    `   lazy Markdown + highlighting: ${kb(bundle.lazyBytes)}; initial / whole = ${(bundle.initialBytes / (bundle.initialBytes + bundle.lazyBytes)).toFixed(2)}`,
  );
  console.log(
    `   budget 150 KB → ratio ${(bundle.initialBytes / BUDGET_INITIAL_JS).toFixed(2)} ${bundle.initialBytes <= BUDGET_INITIAL_JS ? 'OK' : 'OVER'}`,
  );

  const core = await startFakeCore(dir);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 680, height: 520 } });
    const page = await context.newPage();
    await timeToPrompt(page, core.url); // Warm the HTTP and compile caches once, like a pre-created window.
    const prompt: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < runs; i++) {
      baseline.push(await timeStaticPage(page, core.url));
      prompt.push(await timeToPrompt(page, core.url));
    }
    const p = median(prompt),
      b = median(baseline);
    console.log('2. Page load → interactive prompt (Chromium, median of', runs, 'loads)');
    console.log(
      `   quick chat: ${p.toFixed(0)} ms (min ${Math.min(...prompt).toFixed(0)}, max ${Math.max(...prompt).toFixed(0)})`,
    );
    console.log(
      `   baseline static page (DOMContentLoaded): ${b.toFixed(0)} ms → quick chat / baseline = ${(p / Math.max(b, 1)).toFixed(1)}×`,
    );
    console.log(
      `   budget 200 ms → ratio ${(p / BUDGET_PROMPT_MS).toFixed(2)} ${p <= BUDGET_PROMPT_MS ? 'OK' : 'OVER'}`,
    );
    await context.close();

    const mon = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const cdp = await mon.context().newCDPSession(mon);
    await mon.goto(`${core.url}/monitor.html`);
    await mon.waitForFunction(() => document.querySelector('.window-header') !== null);
    while (core.clients() === 0) await new Promise((r) => setTimeout(r, 20));
    await mon.evaluate(() => {
      const w = window as unknown as { __longTasks: number };
      w.__longTasks = 0;
      new PerformanceObserver((list) => {
        w.__longTasks += list.getEntries().length;
      }).observe({ type: 'longtask', buffered: false });
    });
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const start = Math.floor(Date.now() / 1000) - minutes * 60 - WARM_UP_SAMPLES;
    let t = start;
    const feed = async (count: number) => {
      const interval = 1000 / rate;
      for (let i = 0; i < count; i++) {
        core.pushSample(syntheticSample(t++));
        await new Promise((r) => setTimeout(r, interval));
      }
    };
    await feed(WARM_UP_SAMPLES); // Warm-up: six minutes of samples fill the 5 min charts, so they are at steady state.
    await new Promise((r) => setTimeout(r, 500));
    const before = await heap();
    const fed = minutes * 60;
    const began = Date.now();
    await feed(fed);
    await new Promise((r) => setTimeout(r, 500));
    const after = await heap();
    const longTasks = await mon.evaluate(() => (window as unknown as { __longTasks: number }).__longTasks);
    const growth = (after - before) / before;
    console.log(
      `3. Monitor fed ${fed} samples (${minutes} min at 1 Hz) at ${rate}/s in ${((Date.now() - began) / 1000).toFixed(1)} s`,
    );
    console.log(
      `   JS heap after GC: baseline (after 6 min warm-up) ${kb(before)} → after ${kb(after)}: growth ${(growth * 100).toFixed(1)} %`,
    );
    console.log(
      `   budget 10 % → ratio ${(Math.max(growth, 0) / BUDGET_HEAP_GROWTH).toFixed(2)} ${growth <= BUDGET_HEAP_GROWTH ? 'OK' : 'OVER'}`,
    );
    console.log(`   long tasks (> 50 ms, i.e. dropped frames) during the feed: ${longTasks} (at ${rate}× real time)`);
    await mon.close();
  } finally {
    await browser.close();
    await core.close();
  }
}
