/**
 * The hardware sample a switch checks memory against: the monitor's latest one, or, when the monitor
 * is not running (the CLI), one fresh reading taken for the occasion.
 */
import type { HardwareSample } from '../../../shared/hardware/sample';
import type { HardwareMonitor } from '../hardware/monitor-types';

/** The latest sample, else start the monitor and wait up to `timeoutMs` for its first one (null when none comes). */
export async function latestOrFirstSample(
  monitor: Pick<HardwareMonitor, 'latest' | 'start' | 'subscribe'>,
  timeoutMs = 5000,
): Promise<HardwareSample | null> {
  const latest = monitor.latest();
  if (latest) return latest;
  return new Promise<HardwareSample | null>((resolve) => {
    let unsubscribe: () => void = () => {};
    const timer = setTimeout(() => finish(null), timeoutMs);
    function finish(sample: HardwareSample | null) {
      clearTimeout(timer);
      unsubscribe();
      resolve(sample);
    }
    unsubscribe = monitor.subscribe((sample) => finish(sample));
    monitor.start();
  });
}
