/** "Benchmark this model" in the tray's model submenu: it opens the monitor and starts bench.run with the loaded context. */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { CoreCall } from '../../../electron/main/tray/tray-controller';
import { shellStrings } from '../../../electron/main/tray/tray-strings';
import { modelsState } from '../../support/shell-fixtures';
import { buildTray } from '../../support/tray-harness';

describe('tray: Benchmark this model', () => {
  it('sits under Unload in each loaded model and starts a benchmark of that model as loaded', async () => {
    const calls: Array<{ method: string; params: unknown }> = [];
    const opened: string[] = [];
    const call: CoreCall = async (method, params) => {
      calls.push({ method, params });
      return (method === 'models.list' ? modelsState : null) as never;
    };
    const { controller, tray } = buildTray(call, {
      osLocale: 'pt-BR',
      actions: { openMonitor: () => opened.push('monitor') },
    });
    await controller.refresh();
    const submenu = tray().menu!.item('model:qwen-7b').submenu as MenuItemConstructorOptions[];
    expect(submenu.map((i) => i.label)).toEqual([
      shellStrings('auto', 'pt-BR').unload,
      'Medir o desempenho deste modelo',
    ]);
    (submenu[1]!.click as () => void)();
    const loaded = modelsState.loaded.find((m) => m.instanceId === 'qwen-7b')!;
    expect(opened).toEqual(['monitor']);
    expect(calls.at(-1)).toEqual({
      method: 'bench.run',
      params: {
        modelKey: loaded.modelKey,
        ...(loaded.contextLength !== null ? { contextLength: loaded.contextLength } : {}),
      },
    });
    expect(shellStrings('en', 'en-US').benchmark).toBe('Benchmark this model');
    controller.dispose();
  });
});
