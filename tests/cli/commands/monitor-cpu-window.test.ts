import { afterEach, describe, expect, it, vi } from 'vitest';
import { commands } from '../../../electron/cli/commands/index';
import { takeMonitorCpuWindow } from '../../../electron/cli/commands/monitor-cpu-window';

describe("monitor's CPU window", () => {
  afterEach(() => vi.useRealTimers());

  it('opens when the command is dispatched, before its module loads, and is taken once', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_000);
    await commands.find((c) => c.name === 'monitor')!.load();
    vi.setSystemTime(5_000); // the command runs later: its first figure still covers the time since dispatch
    expect(takeMonitorCpuWindow().windowStartedAt).toBe(1_000);
    expect(takeMonitorCpuWindow().windowStartedAt).toBe(5_000); // taken: the next run opens its own
  });
});
