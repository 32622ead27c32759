/**
 * The fleet bench's full status refresh (issue 18, item 10), against real agents on loopback, in the same
 * run for 1 machine and for all of them:
 * - the watch's look at every machine (app.info, hardware.latest, models.list, presets.list on each open
 *   socket; energy once a minute), fired at once for every machine by holding the watch's poll timers;
 * - a cold `probeMachines` (what `loadout machines` does: connect, ask, close), every machine at once.
 */
import type { Machine } from '../shared/settings/schema';
import { createFleetWatch } from '../electron/core/fleet/fleet-watch';
import { realTimers, type FleetTimers } from '../electron/core/fleet/fleet-timers';
import { probeMachines } from '../electron/core/fleet/machine-status';
import { pct } from './_fleet-decision';
import { machineLine } from './_machine';

export interface RefreshAgent {
  name: string;
  url: string;
  token: string;
}

const HELD_POLL_MS = 3_600_000;

interface Held {
  handle: { held: () => void };
}

/**
 * A watch whose poll timers are held, not run: `refreshAll` runs every machine's look at once and resolves
 * when each has scheduled its next poll (a look that succeeded). The watch's other timers (heartbeat,
 * backoff, its list re-read) stay real.
 */
function heldWatch(agents: RefreshAgent[]) {
  const pending = new Set<Held['handle']>();
  let waiting: { left: number; done: () => void } | null = null;
  const timers: FleetTimers = {
    now: realTimers.now,
    setTimeout(fn, ms) {
      // `reconcileLoop` re-reads the machines list at the poll interval: not a look at a machine.
      if (ms !== HELD_POLL_MS || fn.name === 'reconcileLoop') return realTimers.setTimeout(fn, ms);
      const handle = { held: fn };
      pending.add(handle);
      if (waiting && --waiting.left === 0) waiting.done();
      return handle;
    },
    clearTimeout(handle) {
      if (pending.has(handle as Held['handle'])) pending.delete(handle as Held['handle']);
      else realTimers.clearTimeout(handle);
    },
  };
  const tokens = new Map(agents.map((a) => [a.name, a.token]));
  const machines: Machine[] = agents.map((a) => ({ name: a.name, url: a.url, kind: 'loadout' }));
  const watch = createFleetWatch({
    machines: () => machines,
    tokenFor: (m) => tokens.get(m.name) ?? null,
    timers,
    pollMs: HELD_POLL_MS,
  });
  const settled = (count: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        const offline = watch.snapshot().filter((s) => !s.online);
        reject(new Error(`a refresh did not finish in 30 s: ${offline.map((s) => s.problem?.message).join('; ')}`));
      }, 30_000);
      waiting = {
        left: count,
        done: () => {
          clearTimeout(timer);
          waiting = null;
          resolve();
        },
      };
    });
  return {
    watch,
    /** Connect and look once at every machine (not timed). */
    async open() {
      const first = settled(agents.length);
      watch.start();
      await first;
    },
    /** ms from firing every machine's look to the last one done. */
    async refreshAll(): Promise<number> {
      const fire = [...pending];
      pending.clear();
      const done = settled(fire.length);
      const t0 = performance.now();
      for (const h of fire) h.held();
      await done;
      const ms = performance.now() - t0;
      if (watch.snapshot().some((s) => !s.online)) throw new Error('a machine went offline during the refresh');
      return ms;
    },
  };
}

async function coldProbe(agents: RefreshAgent[]): Promise<number> {
  const tokens = new Map(agents.map((a) => [a.name, a.token]));
  const t0 = performance.now();
  const statuses = await probeMachines(
    agents.map((a) => ({ name: a.name, url: a.url, kind: 'loadout' as const })),
    { tokenFor: (m) => tokens.get(m.name) ?? null },
  );
  const ms = performance.now() - t0;
  const off = statuses.filter((s) => !s.online);
  if (off.length) throw new Error(`probe saw offline: ${off.map((s) => s.problem?.message).join('; ')}`);
  return ms;
}

function row(label: string, ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  return `| ${label} | ${pct(s, 50).toFixed(1)} | **${pct(s, 95).toFixed(1)}** | ${s[0]!.toFixed(1)}–${s.at(-1)!.toFixed(1)} | ${s.length} |`;
}

/** Interleaves 1 machine and all of them, `n` refreshes each; prints the table and the target line. */
export async function runRefreshBench(agents: RefreshAgent[], n: number, note: string): Promise<void> {
  console.log(`\nFull fleet status refresh, ms (${note}; ${machineLine()})`);
  const one = heldWatch(agents.slice(0, 1));
  const all = heldWatch(agents);
  await one.open();
  await all.open();
  const warm = { one: [] as number[], all: [] as number[] };
  const cold = { one: [] as number[], all: [] as number[] };
  try {
    for (let i = 0; i < 5; i++) await all.refreshAll(); // warm-up (JIT, both sides)
    for (let i = 0; i < n; i++) {
      warm.one.push(await one.refreshAll());
      warm.all.push(await all.refreshAll());
      cold.one.push(await coldProbe(agents.slice(0, 1)));
      cold.all.push(await coldProbe(agents));
    }
  } finally {
    await one.watch.stop();
    await all.watch.stop();
  }
  console.log('| refresh | p50 | p95 | spread (min–max) | N |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(row('watch look, 1 machine (open socket)', warm.one));
  console.log(row(`watch look, ${agents.length} machines at once (open sockets)`, warm.all));
  console.log(row('cold probe (`loadout machines`), 1 machine', cold.one));
  console.log(row(`cold probe (\`loadout machines\`), ${agents.length} machines at once`, cold.all));
  for (const [label, ms] of [
    ['watch look', warm.all],
    ['cold probe', cold.all],
  ] as const) {
    const p95 = pct(
      [...ms].sort((a, b) => a - b),
      95,
    );
    console.log(
      `Target p95 < 200 ms, ${label}, ${agents.length} machines: ${p95 < 200 ? 'met' : 'MISSED'} (${p95.toFixed(1)} ms).`,
    );
  }
}
