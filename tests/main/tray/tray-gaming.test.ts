/**
 * The tray's gaming mode items (issue 19): "Gaming mode" on/off, the game that holds the GPU, "Restore
 * models now" and "Unload anyway", in both languages, following gaming.changed and calling gaming.*.
 */
import { describe, expect, it } from 'vitest';
import { UNNAMED_FULLSCREEN_GAME } from '../../../shared/gaming/game-name';
import type { CoreCall } from '../../../electron/main/tray/tray-controller';
import { buildGamingMenuItems } from '../../../electron/main/tray/tray-gaming-menu';
import { shellStrings } from '../../../electron/main/tray/tray-strings';
import { gamingStatus as status } from '../../support/gaming-fixtures';
import { buildTray } from '../../support/tray-harness';

const en = shellStrings('en', 'en-US');
const pt = shellStrings('pt-BR', 'en-US');
const noop = { setGaming: () => {}, restoreNow: () => {}, unloadAnyway: () => {} };

describe('gaming items of the tray menu', () => {
  it('shows the switch alone while watching, and the game with "Restore models now" while it holds the GPU', () => {
    expect(buildGamingMenuItems(status({}), noop, en).map((i) => [i.id, i.label, i.checked])).toEqual([
      ['gaming-mode', 'Gaming mode', true],
      [undefined, undefined, undefined],
    ]);
    const holding = status({ phase: 'holding', games: ['Cyberpunk2077.exe'], canRestore: true });
    expect(buildGamingMenuItems(holding, noop, pt).map((i) => i.label)).toEqual([
      'Modo jogo',
      'Jogando: Cyberpunk2077.exe está com a GPU',
      'Restaurar modelos agora',
      undefined,
    ]);
  });

  it('offers "Unload anyway" while a model still answers', () => {
    const asking = status({ phase: 'asking', games: ['eldenring.exe'], busyModels: ['qwen'] });
    expect(buildGamingMenuItems(asking, noop, en).map((i) => i.label)).toEqual([
      'Gaming mode',
      'eldenring.exe started, but a model is still answering',
      'Unload anyway',
      undefined,
    ]);
  });

  it('words a fullscreen game whose process is unknown in the menu language', () => {
    const holding = status({ phase: 'holding', games: [UNNAMED_FULLSCREEN_GAME] });
    expect(buildGamingMenuItems(holding, noop, pt)[1]!.label).toBe('Jogando: Jogo em tela cheia está com a GPU');
    expect(buildGamingMenuItems(holding, noop, en)[1]!.label).toBe('Gaming: Fullscreen game has the GPU');
  });

  it('the controller follows gaming.changed and its items call gaming.set, restore and unloadAnyway', async () => {
    const called: unknown[] = [];
    const call: CoreCall = async (method, params) => {
      if (method.startsWith('gaming.')) called.push({ method, params });
      return (method === 'gaming.status' ? status({ enabled: false, phase: 'off' }) : null) as never;
    };
    const { controller, events, tray } = buildTray(call);
    await controller.refresh();
    expect(tray().menu!.item('gaming-mode').checked).toBe(false);
    tray().menu!.click('gaming-mode', true);
    events.emit('gaming.changed', status({ phase: 'asking', games: ['eldenring.exe'] }));
    tray().menu!.click('gaming-unload-anyway');
    events.emit('gaming.changed', status({ phase: 'holding', games: ['eldenring.exe'], canRestore: true }));
    expect(tray().menu!.item('gaming-state').label).toBe('Gaming: eldenring.exe has the GPU');
    tray().menu!.click('gaming-restore');
    expect(called).toEqual([
      { method: 'gaming.status', params: undefined },
      { method: 'gaming.set', params: { enabled: true } },
      { method: 'gaming.unloadAnyway', params: {} },
      { method: 'gaming.restore', params: {} },
    ]);
    controller.dispose();
  });
});
