/** The GPU source keeper's re-probes on a fake clock: the backoff schedule, a late driver, a driver reset. */
import { describe, expect, it } from 'vitest';
import { DRIVER_PROBE_STEADY_MS, driverProbeDelayMs } from '../../../shared/hardware/driver-probe-backoff';
import type { GpuSample } from '../../../shared/hardware/sample';
import type { GpuReader } from '../../../electron/core/hardware/gpu-reader';
import { GpuSourceKeeper, type ProbeTimers } from '../../../electron/core/hardware/gpu-source-keeper';
import type { GpuReaderChoice } from '../../../electron/core/hardware/open-gpu-reader';

/** A clock whose timers fire only when the test advances it. */
function fakeClock(start = 1_800_000_000_000) {
  let t = start;
  const pending = new Map<number, { at: number; fn: () => void }>();
  let nextId = 1;
  const timers: ProbeTimers = {
    setTimeout(fn, ms) {
      const id = nextId++;
      pending.set(id, { at: t + ms, fn });
      return id;
    },
    clearTimeout(id) {
      pending.delete(id as number);
    },
  };
  return {
    now: () => t,
    timers,
    pending: () => pending.size,
    /** Move time forward, firing due timers in order, and let the probes they start settle. */
    async advance(ms: number) {
      const until = t + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, p]) => p.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        t = due[1].at;
        due[1].fn();
        await settle();
      }
      t = until;
    },
  };
}

const settle = () => new Promise((r) => setImmediate(r));

const gpu: GpuSample = {
  index: 0,
  name: 'NVIDIA H200',
  uuid: 'GPU-1',
  utilizationPercent: 1,
  memoryUtilizationPercent: 0,
  memoryUsedBytes: 0,
  memoryTotalBytes: 1,
  temperatureC: 39,
  powerW: 124.53,
  powerLimitW: 700,
  energyCounterMJ: null,
  clockSmMHz: 1980,
  clockMemMHz: 3201,
  fanPercent: null,
  pstate: 'P0',
  sampledAt: null,
};

/** A reader that answers until the test says its driver went away. */
function fakeReader() {
  const state = { lost: null as string | null, closed: false, reads: 0 };
  const reader: GpuReader = {
    source: 'nvml',
    read() {
      state.reads++;
      if (state.lost)
        return {
          gpus: [],
          unavailableReason: state.lost,
          processes: null,
          processesUnavailableReason: null,
          lost: state.lost,
        };
      return { gpus: [gpu], unavailableReason: null, processes: [], processesUnavailableReason: null };
    },
    inventory: async () => [],
    async close() {
      state.closed = true;
    },
  };
  return { reader, state };
}

const noDriver: GpuReaderChoice = {
  reader: null,
  fallbackReason: null,
  unavailableReason:
    "No GPU data. nvidia-smi: exit code 9: NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.",
  driverInstalled: true,
};

/** An open() that fails while `ready` is false, then hands out fresh readers; it records when it ran. */
function scriptedOpen(clock: { now: () => number }, choiceWhileDown: GpuReaderChoice = noDriver) {
  const calls: number[] = [];
  const readers: ReturnType<typeof fakeReader>[] = [];
  const ctl = { ready: false };
  const open = async (): Promise<GpuReaderChoice> => {
    calls.push(clock.now());
    if (!ctl.ready) return choiceWhileDown;
    const r = fakeReader();
    readers.push(r);
    return { reader: r.reader, fallbackReason: null, unavailableReason: null };
  };
  return { open, calls, readers, ctl };
}

describe('driverProbeDelayMs', () => {
  it('waits a few seconds at first, then every 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(driverProbeDelayMs)).toEqual([2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(driverProbeDelayMs(0)).toBe(2000);
    expect(DRIVER_PROBE_STEADY_MS).toBe(30_000);
  });
});

describe('GpuSourceKeeper', () => {
  it('re-probes a late driver on the backoff schedule, never per sample, and resumes readings once it answers', async () => {
    const clock = fakeClock();
    const script = scriptedOpen(clock);
    const keeper = new GpuSourceKeeper({ open: script.open, now: clock.now, timers: clock.timers });
    const t0 = clock.now();
    await keeper.start();

    let view = keeper.read();
    expect(view.reader).toBeNull();
    expect(view.unavailableReason).toContain("couldn't communicate with the NVIDIA driver");
    expect(view.driverWait).toEqual({
      since: new Date(t0).toISOString(),
      nextProbeAt: new Date(t0 + 2000).toISOString(),
    });

    // A minute of 1-Hz samples: probes follow the schedule only.
    for (let s = 0; s < 60; s++) {
      keeper.read();
      await clock.advance(1000);
    }
    expect(script.calls.map((t) => t - t0)).toEqual([0, 2000, 6000, 14000, 30000, 60000]);
    expect(clock.pending()).toBe(1);

    script.ctl.ready = true;
    await clock.advance(30_000);
    view = keeper.read();
    expect(view.reader).toBe(script.readers[0]!.reader);
    expect(view.reading?.gpus).toEqual([gpu]);
    expect(view.driverWait).toBeNull();
    expect(clock.pending()).toBe(0);
    await keeper.stop();
    expect(script.readers[0]!.state.closed).toBe(true);
  });

  it('closes a source that reports its driver lost, says it waits for the driver, and opens it again', async () => {
    const clock = fakeClock();
    const script = scriptedOpen(clock);
    script.ctl.ready = true;
    const keeper = new GpuSourceKeeper({ open: script.open, now: clock.now, timers: clock.timers });
    await keeper.start();
    expect(keeper.read().reading?.gpus).toHaveLength(1);

    const first = script.readers[0]!;
    first.state.lost = 'NVML stopped answering (error 15 (GPU is lost)): the NVIDIA driver was reset or unloaded.';
    script.ctl.ready = false;
    const tLost = clock.now();
    let view = keeper.read();
    expect(first.state.closed).toBe(true);
    expect(view.reader).toBeNull();
    expect(view.unavailableReason).toContain('the NVIDIA driver was reset or unloaded');
    expect(view.unavailable).toBeNull(); // a reason with no kind stays the reader's English words
    expect(view.driverWait).toEqual({
      since: new Date(tLost).toISOString(),
      nextProbeAt: new Date(tLost + 2000).toISOString(),
    });
    // The closed reader is never read again.
    const readsAtLoss = first.state.reads;
    keeper.read();
    expect(first.state.reads).toBe(readsAtLoss);

    await clock.advance(2000); // still down: the next probe waits 4 s
    expect(script.calls.slice(1).map((t) => t - tLost)).toEqual([2000]);
    expect(keeper.read().driverWait?.nextProbeAt).toBe(new Date(tLost + 6000).toISOString());

    script.ctl.ready = true;
    await clock.advance(4000);
    view = keeper.read();
    expect(view.reader).toBe(script.readers[1]!.reader);
    expect(view.reading?.gpus).toEqual([gpu]);
    expect(view.driverWait).toBeNull();
    await keeper.stop();
  });

  it('without any NVIDIA software it does not claim to wait for a driver, but still looks now and then', async () => {
    const clock = fakeClock();
    const script = scriptedOpen(clock, {
      reader: null,
      fallbackReason: null,
      unavailableReason: 'No GPU data. nvidia-smi: nvidia-smi was not found.',
      driverInstalled: false,
    });
    const keeper = new GpuSourceKeeper({ open: script.open, now: clock.now, timers: clock.timers });
    await keeper.start();
    expect(keeper.read().driverWait).toBeNull();
    await clock.advance(60_000);
    expect(script.calls.length).toBe(6);
    expect(keeper.read().driverWait).toBeNull();
  });

  it('stop cancels the next probe and closes a reader that arrives after it', async () => {
    const clock = fakeClock();
    const late = fakeReader();
    let release!: () => void;
    const keeper = new GpuSourceKeeper({
      open: () =>
        new Promise(
          (resolve) =>
            (release = () => resolve({ reader: late.reader, fallbackReason: null, unavailableReason: null })),
        ),
      now: clock.now,
      timers: clock.timers,
    });
    const started = keeper.start();
    const stopped = keeper.stop();
    release();
    await started;
    await stopped;
    expect(late.state.closed).toBe(true);
    expect(keeper.reader).toBeNull();
    expect(clock.pending()).toBe(0);
  });

  it("gives its reasons as data too: starting, stopped, the probe's, and a lost reader's known one", async () => {
    const clock = fakeClock();
    const down: GpuReaderChoice = { ...noDriver, unavailable: { kind: 'driver-failed', nvml: 'n', smi: 's' } };
    const script = scriptedOpen(clock, down);
    const keeper = new GpuSourceKeeper({ open: script.open, now: clock.now, timers: clock.timers });
    expect(keeper.read()).toMatchObject({
      unavailableReason: 'GPU monitoring is stopped.',
      unavailable: { kind: 'stopped' },
    });
    const started = keeper.start();
    expect(keeper.read()).toMatchObject({
      unavailableReason: 'The GPU source is still starting.',
      unavailable: { kind: 'starting' },
    });
    await started;
    expect(keeper.read().unavailable).toEqual(down.unavailable);
    script.ctl.ready = true;
    await clock.advance(2000);
    const first = script.readers[0]!;
    const hung =
      'nvidia-smi is running but has printed nothing for 19 s (hung, most likely in the driver); it is stopped and the GPU is probed again.';
    first.reader.read = () => ({
      gpus: [],
      unavailableReason: hung,
      unavailable: { kind: 'smi-hung', seconds: 19 },
      processes: null,
      processesUnavailableReason: null,
      lost: hung,
    });
    script.ctl.ready = false;
    const view = keeper.read();
    expect(view.reader).toBeNull();
    expect(view.unavailableReason).toBe(hung);
    expect(view.unavailable).toEqual({ kind: 'smi-hung', seconds: 19 });
    await keeper.stop();
  });
});
