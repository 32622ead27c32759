/**
 * A tray-started switch or unload that stops because a model is still generating: a notification says
 * which model, and a click opens the window where it can be unloaded anyway. The generic "did not
 * apply" notification stays away for that case (the window's prompt or this one covers it).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { MethodName, PresetProgress } from '../../shared/contract';
import { notifyBusyModels } from '../../electron/main/busy-notification';
import { startNotifier } from '../../electron/main/notifications';
import type { CoreCall } from '../../electron/main/tray/tray-controller';
import { FakeNotification } from '../support/electron-fakes';
import { modelsState, presetList } from '../support/shell-fixtures';
import { buildTray } from '../support/tray-harness';

const BUSY = [{ instanceId: 'qwen-7b', modelKey: 'qwen-7b' }];
const busyModels = {
  ...modelsState,
  loaded: modelsState.loaded.map((m) => (m.instanceId === 'qwen-7b' ? { ...m, status: 'generating' as const } : m)),
};

function setup(osLocale = 'en-US') {
  const created: FakeNotification[] = [];
  const opened: string[] = [];
  const calls: Array<{ method: MethodName; params: unknown }> = [];
  const call: CoreCall = async (method, params) => {
    calls.push({ method, params });
    const answers: Partial<Record<MethodName, unknown>> = {
      'presets.list': presetList,
      'models.list': busyModels,
      'presets.get': presetList.presets.find((p) => p.id === (params as { id?: string } | undefined)?.id) ?? null,
      'presets.apply': {
        presetId: 'gaming',
        result: 'refused',
        plan: [],
        message: 'qwen-7b is still generating after waiting 30 s, so nothing was changed.',
        busy: BUSY,
      },
      'models.unloadAll': { unloaded: [], busy: BUSY, message: 'qwen-7b is still generating.' },
    };
    return (answers[method] ?? null) as never;
  };
  const deps = {
    createNotification: (options: ConstructorParameters<typeof FakeNotification>[0]) => {
      const n = new FakeNotification(options);
      created.push(n);
      return n;
    },
    call,
    language: () => 'auto',
    osLocale,
    openPresets: () => opened.push('presets'),
    openMonitor: () => opened.push('monitor'),
  };
  const { controller, events, tray } = buildTray(call, {
    osLocale,
    onBusy: (busy, target) => void notifyBusyModels(deps, busy, target),
  });
  const stopNotifier = startNotifier({ ...deps, events });
  return {
    controller,
    events,
    tray,
    created,
    opened,
    calls,
    stop: () => {
      stopNotifier();
      controller.dispose();
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 10));

beforeEach(() => {
  FakeNotification.shown = [];
});

describe('busy model notification (tray)', () => {
  it('a preset from the menu refused for a generating model names it; a click opens the presets window', async () => {
    const { controller, tray, created, opened, events, stop } = setup();
    await controller.refresh();
    tray().menu!.click('preset:gaming');
    // The core's own refused progress event comes too: it must not add a second, generic notification.
    events.emit('presets.progress', {
      presetId: 'gaming',
      phase: 'refused',
      step: 0,
      total: 1,
      key: null,
      sizeBytes: null,
      elapsedMs: 5,
      message: 'busy',
      busy: BUSY,
    } satisfies PresetProgress);
    await settle();
    expect(FakeNotification.shown).toEqual([
      {
        title: 'Preset "Gaming" not applied: a model is still answering',
        body: 'Still generating: Qwen 7B. Nothing was changed. Click to open Presets & settings and choose "Unload anyway" or Cancel there.',
      },
    ]);
    expect(FakeNotification.shown[0]!.body).not.toMatch(/--force/);
    created[0]!.click();
    expect(opened).toEqual(['presets']);
    stop();
  });

  it('"Unload all" from the menu refused for a generating model says so in pt-BR; a click opens the monitor', async () => {
    const { controller, tray, created, opened, stop } = setup('pt-BR');
    await controller.refresh();
    tray().menu!.click('unload-all');
    await settle();
    expect(FakeNotification.shown).toHaveLength(1);
    expect(FakeNotification.shown[0]!.title).toBe('Nada descarregado: um modelo ainda está respondendo');
    expect(FakeNotification.shown[0]!.body).toContain('Ainda gerando: Qwen 7B.');
    created[0]!.click();
    expect(opened).toEqual(['monitor']);
    stop();
  });

  it('other refusals still get the generic "did not apply" notification', async () => {
    const { events, stop } = setup();
    events.emit('presets.progress', {
      presetId: 'dev',
      phase: 'refused',
      step: 0,
      total: 0,
      key: null,
      sizeBytes: null,
      elapsedMs: 5,
      message: 'Does not fit, nothing was changed.',
    });
    await settle();
    expect(FakeNotification.shown).toEqual([
      { title: 'Preset "Dev" did not apply', body: 'Does not fit, nothing was changed.' },
    ]);
    stop();
  });
});
