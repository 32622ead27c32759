/** A benchmark that ends while no window is open still says so: a desktop notification, click → monitor. */
import type { NotificationConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createEventHub, type BenchProgress } from '../../shared/contract';
import { startNotifier, type ShellNotification } from '../../electron/main/notifications';

const progress = (patch: Partial<BenchProgress>): BenchProgress => ({
  modelKey: 'qwen2.5-7b-instruct',
  phase: 'running',
  step: 3,
  total: 24,
  promptId: 'long-en',
  repetition: 1,
  lastTokensPerSecond: 97.2,
  elapsedMs: 4000,
  message: null,
  ...patch,
});

describe('benchmark notifications', () => {
  it('notifies when a benchmark finishes or fails, not while it runs', () => {
    const events = createEventHub();
    const shown: NotificationConstructorOptions[] = [];
    const clicks: Array<() => void> = [];
    let opened = 0;
    const stop = startNotifier({
      createNotification: (options): ShellNotification => ({
        on: (_e, l) => clicks.push(l),
        show: () => shown.push(options),
      }),
      events,
      call: async () => null as never,
      language: () => 'auto',
      osLocale: 'pt-BR',
      openMonitor: () => {
        opened++;
      },
    });
    events.emit('bench.progress', progress({}));
    expect(shown).toEqual([]);
    events.emit(
      'bench.progress',
      progress({ phase: 'done', step: 24, lastTokensPerSecond: 98.15, message: 'Stored as #3' }),
    );
    expect(shown[0]).toMatchObject({
      title: 'Benchmark de qwen2.5-7b-instruct concluído',
      body: '98.2 tok/s (mediana). Abra o monitor para comparar, avaliar e exportar.',
    });
    clicks[0]!();
    expect(opened).toBe(1);
    events.emit(
      'bench.progress',
      progress({ phase: 'failed', message: 'LM Studio is not answering at http://127.0.0.1:1234.' }),
    );
    expect(shown[1]).toMatchObject({
      title: 'Benchmark de qwen2.5-7b-instruct falhou',
      body: 'LM Studio is not answering at http://127.0.0.1:1234.',
    });
    events.emit('bench.progress', progress({ phase: 'cancelled' }));
    expect(shown).toHaveLength(2);
    stop();
  });
});
