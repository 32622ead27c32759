/**
 * The GPU comes back by itself: a driver that answers late (at login) and one that goes away and
 * returns mid-run (TDR, driver update), played by the fake nvidia-smi and the stub NVML through a
 * marker file. The running monitor waits for the driver and resumes readings without a restart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HardwareSampleSchema, type HardwareSample } from '../../../shared/hardware/sample';
import { createHardwareMonitor, type SamplingHardwareMonitor } from '../../../electron/core/hardware/hardware-monitor';
import { openGpuReader } from '../../../electron/core/hardware/open-gpu-reader';
import { buildNvmlStub, hasCompiler } from '../../fakes/nvml/build-nvml-stub';
import { FAKE_SMI, isAlive, readPids, waitFor } from '../../support/fake-smi';

let dir: string;
let ready: string;
let pidFile: string;
let monitor: SamplingHardwareMonitor | null = null;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-driver-back-'));
  ready = path.join(dir, 'driver-ready');
  pidFile = path.join(dir, 'pids');
});
afterEach(async () => {
  await monitor?.stop();
  monitor = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

const driverUp = () => fs.writeFileSync(ready, '');
const driverDown = () => fs.rmSync(ready, { force: true });

/** Start a monitor at 100 ms with probes every 100 ms (the real schedule is tested on a fake clock) and keep its samples. */
function startMonitor(env: NodeJS.ProcessEnv): HardwareSample[] {
  const samples: HardwareSample[] = [];
  monitor = createHardwareMonitor({ intervalMs: 100, env, probeDelayMs: () => 100 });
  monitor.subscribe((s) => samples.push(s));
  monitor.start();
  return samples;
}

/** Wait for a sample after `from` that passes `check`; returns it (or fails the test). */
async function nextSample(
  samples: HardwareSample[],
  from: number,
  check: (s: HardwareSample) => boolean,
): Promise<HardwareSample> {
  const found = await waitFor(() => samples.slice(from).some(check), 20_000);
  expect(found).toBe(true);
  return samples.slice(from).find(check)!;
}

const waiting = (s: HardwareSample) => s.gpuDriverWait != null && s.gpus.length === 0;

describe('a driver that is late, then reset, through nvidia-smi', () => {
  it('shows the wait, then readings; after a reset the same monitor waits again and resumes, leaving no child', async () => {
    const samples = startMonitor({
      ...process.env,
      LOADOUT_NVML: 'off',
      LOADOUT_NVIDIA_SMI: FAKE_SMI,
      FAKE_NVSMI_READY_FILE: ready,
      FAKE_NVSMI_PIDFILE: pidFile,
    });

    const early = await nextSample(samples, 0, waiting);
    expect(HardwareSampleSchema.parse(early).gpuSource).toBe('none');
    expect(early.gpuUnavailableReason).toContain("couldn't communicate with the NVIDIA driver");
    expect(early.memory.totalBytes).toBeGreaterThan(0);

    driverUp();
    const up = await nextSample(samples, samples.length, (s) => s.gpuSource === 'nvidia-smi');
    expect(up.gpus[0]).toMatchObject({ name: 'NVIDIA H200', powerLimitW: 700 });
    expect(up.gpus[0]!.powerW).toBeGreaterThan(50);
    expect(up.gpuDriverWait).toBeNull();

    driverDown();
    const reset = await nextSample(samples, samples.length, waiting);
    expect(reset.gpuUnavailableReason).toContain('nvidia-smi exited (code 9)');

    driverUp();
    const back = await nextSample(samples, samples.length, (s) => s.gpuSource === 'nvidia-smi');
    expect(back.gpus[0]!.powerW).toBeGreaterThan(50);

    await monitor!.stop();
    const pids = readPids(pidFile);
    expect(pids.length).toBeGreaterThanOrEqual(2);
    expect(await waitFor(() => pids.every((p) => !isAlive(p)))).toBe(true);
  });
});

describe('what the first probe says', () => {
  it('an installed driver that does not answer is awaited; no nvidia-smi at all is not', async () => {
    const down = await openGpuReader({
      env: { ...process.env, LOADOUT_NVML: 'off', LOADOUT_NVIDIA_SMI: FAKE_SMI, FAKE_NVSMI_READY_FILE: ready },
      intervalMs: 200,
    });
    expect(down).toMatchObject({ reader: null, driverInstalled: true });
    const absent = await openGpuReader({
      env: { ...process.env, LOADOUT_NVML: 'off', LOADOUT_NVIDIA_SMI: path.join(dir, 'no-such-nvidia-smi') },
      intervalMs: 200,
    });
    expect(absent).toMatchObject({ reader: null, driverInstalled: false });
  });
});

const compiler = hasCompiler();
if (!compiler) console.warn('SKIPPED: the NVML driver-reset test needs a C compiler (`cc`) to build the stub library.');

describe.skipIf(!compiler)('a driver that is late, then reset, through NVML', () => {
  let lib: string;
  beforeAll(() => {
    lib = buildNvmlStub();
  });
  afterAll(() => {
    delete process.env.NVML_STUB_READY_FILE;
    if (lib) fs.rmSync(path.dirname(lib), { recursive: true, force: true });
  });

  it('opens NVML once the driver answers, closes it when every GPU is lost, and opens it again', async () => {
    // The stub runs inside this process: it reads its marker from this process's environment.
    process.env.NVML_STUB_READY_FILE = ready;
    const samples = startMonitor({
      ...process.env,
      LOADOUT_NVML: lib,
      // No nvidia-smi: a probe that began while the driver was down would otherwise fall through to the
      // nvidia-smi loop if the driver came up during its (Node) fake's start, and settle there instead of NVML.
      LOADOUT_NVIDIA_SMI: path.join(dir, 'no-nvidia-smi'),
    });

    const early = await nextSample(samples, 0, waiting);
    expect(early.gpuUnavailableReason).toContain('nvmlInit failed with error 9 (Driver Not Loaded)');

    driverUp();
    const up = await nextSample(samples, samples.length, (s) => s.gpuSource === 'nvml');
    expect(up.gpus[0]).toMatchObject({ name: 'NVIDIA H200', temperatureC: 38 });
    expect(up.gpus[0]!.energyCounterMJ).toBeGreaterThan(0);

    driverDown();
    const reset = await nextSample(samples, samples.length, waiting);
    expect(reset.gpuUnavailableReason).toBe(
      'NVML stopped answering (error 15 (GPU is lost)): the NVIDIA driver was reset or unloaded.',
    );
    // As data too, so a window words it in its own language.
    expect(reset.gpuUnavailable).toEqual({ kind: 'nvml-lost', detail: 'error 15 (GPU is lost)' });

    driverUp();
    const back = await nextSample(samples, samples.length, (s) => s.gpuSource === 'nvml');
    expect(back.gpus).toHaveLength(2);
    expect(back.gpuDriverWait).toBeNull();
  });
});
