/**
 * The tray's gaming mode items (issue 19): "Gaming mode" on/off, and while a game holds the GPU a line
 * naming it with "Restore models now"; while a model still answers, "Unload anyway". Pure, like tray-menu.ts.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { GamingStatus } from '../../../shared/contract/gaming';
import { gameLabel } from '../../../shared/gaming/game-name';
import { fill, type ShellStrings } from './tray-strings';

export interface GamingMenuActions {
  setGaming(enabled: boolean): void;
  restoreNow(): void;
  unloadAnyway(): void;
}

/** The items, ending with a separator; none while the status is unknown. */
export function buildGamingMenuItems(
  status: GamingStatus | null,
  actions: GamingMenuActions,
  s: ShellStrings,
): MenuItemConstructorOptions[] {
  if (!status) return [];
  const game = gameLabel(status.games[0] ?? '', s.gamingUnnamedGame);
  const items: MenuItemConstructorOptions[] = [
    {
      id: 'gaming-mode',
      type: 'checkbox',
      label: s.gamingMode,
      checked: status.enabled,
      click: (item) => actions.setGaming(item.checked),
    },
  ];
  if (status.phase === 'holding')
    items.push({ id: 'gaming-state', label: fill(s.gamingHolding, { game }), enabled: false });
  if (status.phase === 'grace') items.push({ id: 'gaming-state', label: s.gamingGrace, enabled: false });
  if (status.phase === 'asking')
    items.push(
      { id: 'gaming-state', label: fill(s.gamingAsking, { game }), enabled: false },
      { id: 'gaming-unload-anyway', label: s.gamingUnloadAnyway, click: () => actions.unloadAnyway() },
    );
  if (status.canRestore)
    items.push({ id: 'gaming-restore', label: s.gamingRestoreNow, click: () => actions.restoreNow() });
  items.push({ type: 'separator' });
  return items;
}
