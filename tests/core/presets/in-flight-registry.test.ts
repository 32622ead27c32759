/**
 * The in-flight registry across processes: two registries with different pids on one real loadout.db stand
 * for two `loadout` processes. Busy = this process's answers ∪ the others' live rows; stale rows never block.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { executePresetPlan } from '../../../electron/core/presets/executor';
import {
  HEARTBEAT_MS,
  InFlightRegistry,
  type SharedInFlightOptions,
} from '../../../electron/core/presets/in-flight-registry';
import { openInFlightTable } from '../../../electron/core/presets/in-flight-table';
import { planPresetSwitch } from '../../../shared/presets/plan';
import { instance } from '../../support/catalog-fixture';

let dir: string;
let clock: number;
const qwen = { instanceId: 'qwen2.5-7b-instruct', modelKey: 'qwen2.5-7b-instruct' };
const registries: InFlightRegistry[] = [];

function processWith(pid: number, extra: Partial<SharedInFlightOptions> = {}): InFlightRegistry {
  const r = new InFlightRegistry({
    openTable: (create) => openInFlightTable(dir, create),
    lmstudio: () => 'http://127.0.0.1:1234/v1',
    origin: `loadout chat`,
    pid,
    now: () => clock,
    isAlive: () => true,
    // Written at once here, so each step reads what the other process wrote; the default defers (tested below).
    defer: (write) => write(),
    ...extra,
  });
  registries.push(r);
  return r;
}

/** The real table, recording how many rows each write carries. */
function countingWrites(written: number[]): SharedInFlightOptions['openTable'] {
  return (create) => {
    const table = openInFlightTable(dir, create);
    return (
      table && {
        ...table,
        sync: (rows, removeIds, staleBefore) => {
          written.push(rows.length);
          table.sync(rows, removeIds, staleBefore);
        },
      }
    );
  };
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-inflight-'));
  clock = 1_000_000;
});
afterEach(() => {
  for (const r of registries.splice(0)) r.dispose();
  vi.useRealTimers();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('InFlightRegistry across processes', () => {
  it("sees another process's answer while it streams, names that process, and forgets it when it ends", () => {
    const a = processWith(101);
    const b = processWith(202);
    const end = a.begin('qwen2.5-7b-instruct');
    expect(b.isBusy(qwen)).toBe(true);
    expect(b.busyElsewhere(qwen)).toEqual([{ pid: 101, origin: 'loadout chat' }]);
    // A counts its own answer once (its row is not read back as "elsewhere").
    expect(a.count('qwen2.5-7b-instruct')).toBe(1);
    expect(a.busyElsewhere(qwen)).toEqual([]);
    end();
    expect(b.isBusy(qwen)).toBe(false);
    expect(a.isBusy(qwen)).toBe(false);
  });

  it('merges both sides: a local answer and a remote one on another instance', () => {
    const a = processWith(101);
    const b = processWith(202);
    a.begin('qwen2.5-7b-instruct:2');
    b.begin('llama-3.2-1b-instruct');
    expect(b.isBusy({ instanceId: 'qwen2.5-7b-instruct:2', modelKey: 'qwen2.5-7b-instruct' })).toBe(true);
    expect(b.isBusy({ instanceId: 'llama-3.2-1b-instruct', modelKey: 'llama-3.2-1b-instruct' })).toBe(true);
    // A request to "key:2" does not make the first instance busy.
    expect(b.isBusy(qwen)).toBe(false);
  });

  it('ignores a row whose heartbeat stopped, and a row whose process is gone (and deletes it)', () => {
    const a = processWith(101);
    a.begin('qwen2.5-7b-instruct');
    clock += 3 * HEARTBEAT_MS + 1;
    expect(processWith(202).isBusy(qwen)).toBe(false);
    clock -= 3 * HEARTBEAT_MS + 1;
    const dead = processWith(303, { isAlive: (pid) => pid !== 101 });
    expect(dead.isBusy(qwen)).toBe(false);
    // The dead process's row was cleaned: even a reader that thinks 101 lives sees nothing now.
    expect(processWith(404).isBusy(qwen)).toBe(false);
  });

  it('keeps the row alive with its heartbeat while the answer streams', () => {
    vi.useFakeTimers();
    const a = processWith(101);
    const b = processWith(202);
    a.begin('qwen2.5-7b-instruct');
    for (let beat = 0; beat < 5; beat++) {
      clock += HEARTBEAT_MS;
      vi.advanceTimersByTime(HEARTBEAT_MS);
    }
    expect(b.isBusy(qwen)).toBe(true);
  });

  it('writes only the row of the answer that begins or ends; the heartbeat refreshes them all', () => {
    vi.useFakeTimers();
    const written: number[] = [];
    const a = processWith(101, {
      openTable: countingWrites(written),
    });
    const b = processWith(202);
    a.begin('qwen2.5-7b-instruct');
    a.begin('qwen2.5-7b-instruct:2');
    const end = a.begin('llama-3.2-1b-instruct');
    end();
    // Each begin is written before its request leaves: one row, not every answer in flight.
    expect(written).toEqual([1, 1, 1, 0]);
    clock += HEARTBEAT_MS;
    vi.advanceTimersByTime(HEARTBEAT_MS);
    expect(written.at(-1)).toBe(2);
    expect(b.isBusy(qwen)).toBe(true);
    expect(b.isBusy({ instanceId: 'llama-3.2-1b-instruct', modelKey: 'llama-3.2-1b-instruct' })).toBe(false);
  });

  it('by default writes after the current turn, one write for the answers begun in it, none for one already ended', async () => {
    const written: number[] = [];
    const a = processWith(101, {
      defer: undefined,
      openTable: countingWrites(written),
    });
    const b = processWith(202);
    a.begin('qwen2.5-7b-instruct');
    a.begin('llama-3.2-1b-instruct');
    a.begin('qwen2.5-7b-instruct:2')();
    // The request leaves before loadout.db is written; this process counts its answers at once.
    expect(written).toEqual([]);
    expect(a.isBusy(qwen)).toBe(true);
    expect(b.isBusy(qwen)).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(written).toEqual([2]);
    expect(b.isBusy(qwen)).toBe(true);
  });

  it('never blocks on another LM Studio', () => {
    processWith(101, { lmstudio: () => 'http://192.168.1.20:1234/v1' }).begin('qwen2.5-7b-instruct');
    expect(processWith(202).isBusy(qwen)).toBe(false);
  });

  it('reads nothing and creates no database while no answer was ever written', () => {
    const idle = processWith(202);
    expect(idle.isBusy(qwen)).toBe(false);
    idle.dispose();
    expect(fs.existsSync(path.join(dir, 'loadout.db'))).toBe(false);
  });

  it('keeps a locked or broken database from failing the answer: busy here, said once, written when it clears', () => {
    const messages: string[] = [];
    const states: boolean[] = [];
    let locked = true;
    const a = processWith(101, {
      openTable: (create) => {
        if (locked) throw Object.assign(new Error('database is locked'), { errcode: 5 });
        return openInFlightTable(dir, create);
      },
      onMessage: (m) => messages.push(m),
      onState: (s) => states.push(s.locked),
    });
    const b = processWith(202);
    const end = a.begin('qwen2.5-7b-instruct');
    a.begin('llama-3.2-1b-instruct');
    expect(a.isBusy(qwen)).toBe(true);
    expect(messages.filter((m) => m.includes('locked'))).toHaveLength(1);
    expect(states).toContain(true);
    locked = false;
    end();
    // The next write carries the answers still streaming.
    expect(b.isBusy({ instanceId: 'llama-3.2-1b-instruct', modelKey: 'llama-3.2-1b-instruct' })).toBe(true);
    expect(b.isBusy(qwen)).toBe(false);
    expect(states.at(-1)).toBe(false);
  });

  it("makes a switch refuse to unload the other process's model, naming that process", async () => {
    processWith(101).begin('qwen2.5-7b-instruct');
    processWith(102, { origin: 'the Loadout app' }).begin('llama-3.2-1b-instruct');
    const live = [instance('qwen2.5-7b-instruct'), instance('llama-3.2-1b-instruct')];
    const unloads: string[] = [];
    const client = {
      listLoaded: async () => live,
      unload: async (id: string) => void unloads.push(id),
      load: async () => {
        throw new Error('no loads here');
      },
    };
    const plan = planPresetSwitch({ current: live, desired: [], pinned: [], exclusive: true, sizeOf: () => null });
    const out = await executePresetPlan(
      plan,
      { client, inFlight: processWith(202) },
      { presetId: 'gaming', previous: live, busyWaitMs: 0, restoreOnFailure: false },
    );
    expect(out.result).toBe('refused');
    expect(unloads).toEqual([]);
    expect(out.busy.map((b) => b.elsewhere).sort((x, y) => x!.pid - y!.pid)).toEqual([
      { pid: 101, origin: 'loadout chat' },
      { pid: 102, origin: 'the Loadout app' },
    ]);
    expect(out.message).toContain(
      'qwen2.5-7b-instruct (answering in another Loadout process: loadout chat, pid 101, perhaps in another terminal)',
    );
    expect(out.message).toContain(
      'llama-3.2-1b-instruct (answering in another Loadout process: the Loadout app, pid 102)',
    );
  });

  it('counts the answers waiting behind another on one model, across processes (the fleet queue)', () => {
    const here = processWith(201);
    const there = processWith(202);
    const first = here.begin('qwen2.5-7b-instruct');
    here.begin('llama-3.2-1b-instruct');
    expect(here.waiting()).toBe(0);
    const second = there.begin('qwen2.5-7b-instruct');
    here.begin('qwen2.5-7b-instruct');
    expect(here.waiting()).toBe(2);
    expect(there.waiting()).toBe(2);
    first();
    second();
    expect(here.waiting()).toBe(0);
  });

  it('without shared options stays a per-process count, as before', () => {
    const local = new InFlightRegistry();
    const end = local.begin('qwen2.5-7b-instruct');
    expect(local.isBusy(qwen)).toBe(true);
    expect(local.busyElsewhere(qwen)).toEqual([]);
    end();
    expect(local.count('qwen2.5-7b-instruct')).toBe(0);
  });
});

describe('InFlightRegistry observers', () => {
  it("runs each observer at every begin and what it returned at that request's end, once", () => {
    const registry = new InFlightRegistry();
    const log: string[] = [];
    let n = 0;
    const stop = registry.observe(() => {
      const id = ++n;
      log.push(`begin ${id}`);
      return () => log.push(`end ${id}`);
    });
    const a = registry.begin('qwen');
    const b = registry.begin('qwen');
    b();
    b();
    a();
    expect(log).toEqual(['begin 1', 'begin 2', 'end 2', 'end 1']);
    stop();
    registry.begin('qwen')();
    expect(log).toHaveLength(4);
  });
});
