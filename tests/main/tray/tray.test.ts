import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MethodName } from '../../../shared/contract';
import type { CoreCall } from '../../../electron/main/tray/tray-controller';
import { buildTrayMenuTemplate, type TrayMenuActions } from '../../../electron/main/tray/tray-menu';
import { shellStrings } from '../../../electron/main/tray/tray-strings';
import { FakeMenu } from '../../support/electron-fakes';
import { energySummary, modelsState, presetList, sample3090 } from '../../support/shell-fixtures';
import { buildTray } from '../../support/tray-harness';

const en = shellStrings('en', 'en-US');
const pt = shellStrings('auto', 'pt-BR');

function recordingActions() {
  const log: string[] = [];
  const actions: TrayMenuActions = {
    applyPreset: (id) => log.push(`apply:${id}`),
    unloadModel: (id) => log.push(`unload:${id}`),
    unloadAll: () => log.push('unload-all'),
    toggleQuickChat: () => log.push('quick-chat'),
    openMonitor: () => log.push('monitor'),
    openSettings: () => log.push('settings'),
    setStartAtLogin: (on) => log.push(`login:${on}`),
    quit: () => log.push('quit'),
  };
  return { log, actions };
}

describe('tray strings', () => {
  it('pick the language the windows pick: the explicit setting, else the OS locale', () => {
    expect(shellStrings('en', 'pt-BR').unload).toBe('Unload');
    expect(shellStrings('pt-BR', 'en-US').unload).toBe('Descarregar');
    expect(shellStrings('auto', 'pt_PT').unload).toBe('Descarregar');
    expect(shellStrings('auto', 'de-DE').unload).toBe('Unload');
  });
});

describe('tray menu', () => {
  it('lists presets as radio items with the active one checked', () => {
    const { actions, log } = recordingActions();
    const menu = new FakeMenu(
      buildTrayMenuTemplate(
        {
          presets: presetList,
          models: modelsState,
          progress: null,
          quickChatHotkey: 'Control+Alt+Space',
          startAtLogin: true,
          locale: 'en-US',
        },
        actions,
        en,
      ),
    );
    const radios = menu.template.filter((i) => i.type === 'radio');
    expect(radios.map((r) => [r.label, r.checked])).toEqual([
      ['Dev', true],
      ['Multi-agent', false],
      ['Gaming', false],
    ]);
    menu.click('preset:gaming');
    expect(log).toEqual(['apply:gaming']);
  });

  it('marks the loading preset with its progress and disables the others', () => {
    const { actions } = recordingActions();
    const progress = {
      presetId: 'multi-agent',
      phase: 'loading' as const,
      step: 2,
      total: 3,
      key: 'qwen-7b',
      sizeBytes: null,
      elapsedMs: 900,
      message: null,
    };
    const menu = new FakeMenu(
      buildTrayMenuTemplate(
        {
          presets: { ...presetList, applyingPresetId: 'multi-agent' },
          models: modelsState,
          progress,
          quickChatHotkey: null,
          startAtLogin: false,
          locale: 'en-US',
        },
        actions,
        en,
      ),
    );
    expect(menu.item('preset:multi-agent').label).toBe('Multi-agent (loading 2/3)');
    expect(menu.item('preset:dev').enabled).toBe(false);
  });

  it('lists loaded models with size and Unload, Unload all, quick chat with its hotkey, windows, login, quit', () => {
    const { actions, log } = recordingActions();
    const menu = new FakeMenu(
      buildTrayMenuTemplate(
        {
          presets: presetList,
          models: modelsState,
          progress: null,
          quickChatHotkey: 'Control+Alt+Space',
          startAtLogin: false,
          locale: 'pt-BR',
        },
        actions,
        pt,
      ),
    );
    expect(menu.item('model:deepseek-coder-33b').label).toBe('DeepSeek Coder 33B · 19,9 GB');
    const unload = (menu.item('model:qwen-7b').submenu as MenuItemConstructorOptions[])[0]!;
    expect(unload.label).toBe('Descarregar');
    (unload.click as () => void)();
    expect(menu.item('quick-chat')).toMatchObject({
      label: 'Chat rápido',
      accelerator: 'Control+Alt+Space',
      registerAccelerator: false,
    });
    for (const id of ['unload-all', 'quick-chat', 'monitor', 'settings', 'quit']) menu.click(id);
    menu.click('start-at-login', true);
    expect(log).toEqual(['unload:qwen-7b', 'unload-all', 'quick-chat', 'monitor', 'settings', 'quit', 'login:true']);
  });

  it('says when LM Studio is unreachable and disables Unload all', () => {
    const { actions } = recordingActions();
    const template = buildTrayMenuTemplate(
      {
        presets: null,
        models: { ...modelsState, reachable: false, loaded: [] },
        progress: null,
        quickChatHotkey: null,
        startAtLogin: false,
        locale: 'en',
      },
      actions,
      en,
    );
    expect(template.map((i) => i.label)).toEqual(
      expect.arrayContaining(['No presets yet', 'LM Studio is not reachable']),
    );
    expect(template.find((i) => i.id === 'unload-all')?.enabled).toBe(false);
  });
});

describe('tray controller', () => {
  function setup(available: Partial<Record<MethodName, unknown>>) {
    const calls: string[] = [];
    const call: CoreCall = async (method, params) => {
      calls.push(params === undefined ? method : `${method} ${JSON.stringify(params)}`);
      return (available[method] ?? null) as never;
    };
    return { ...buildTray(call), calls };
  }

  it('fills the menu from the core, the tooltip from samples, and the icon from progress', async () => {
    const { controller, events, tray, calls } = setup({
      'presets.list': presetList,
      'models.list': modelsState,
      'energy.summary': energySummary,
    });
    await controller.refresh();
    expect(tray().menu!.item('preset:dev').checked).toBe(true);
    events.emit('hardware.sample', sample3090);
    expect(tray().tooltip).toContain('GPU 37%');
    expect(tray().tooltip).toContain('1.84 kWh');
    events.emit('presets.progress', {
      presetId: 'gaming',
      phase: 'unloading',
      step: 1,
      total: 2,
      key: 'qwen-7b',
      sizeBytes: null,
      elapsedMs: 10,
      message: null,
    });
    expect(controller.state).toBe('loading');
    expect((tray().image as unknown as { name: string }).name).toBe('loading');
    expect(tray().menu!.item('preset:gaming').label).toBe('Gaming (loading 1/2)');
    tray().menu!.click('unload-all');
    expect(calls).toContain('models.unloadAll {}');
    controller.dispose();
    expect(tray().destroyed).toBe(true);
  });

  it('keeps working when services are unavailable (only hardware)', async () => {
    const { controller, events, tray } = setup({});
    await controller.refresh();
    events.emit('hardware.sample', sample3090);
    expect(tray().tooltip).toContain('GPU 37%');
    expect(tray().tooltip).not.toContain('kWh');
    expect(tray().menu!.template.some((i) => i.label === 'No presets yet')).toBe(true);
  });
});
