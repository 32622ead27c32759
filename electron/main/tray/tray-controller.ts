/**
 * The tray: keeps what it shows (latest sample, presets, loaded models, switch progress, today's
 * energy) fresh from contract events and calls, and re-renders icon, tooltip and menu. The Tray and
 * the Menu builder are injected (Signal's SystemTrayService pattern) so tests use fakes.
 */
import { resolveUiLanguage } from '../../../shared/i18n/languages';
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import type {
  BusyModel,
  ContractEventHub,
  DelegationSummaryInfo,
  EnergySummary,
  MethodInput,
  MethodName,
  MethodResult,
  ModelsState,
  PresetList,
  PresetProgress,
  PublicSettings,
} from '../../../shared/contract';
import { PresetProgressSchema } from '../../../shared/contract/presets';
import type { HardwareSample } from '../../../shared/hardware/sample';
import type { BusyTarget } from '../busy-notification';
import { deriveTrayIconState, type TrayIconState } from '../../../shared/tray/tray-icon-state';
import { buildTrayMenuTemplate, type TrayMenuActions } from './tray-menu';
import type { FleetState } from '../../../shared/contract/fleet';
import type { GamingStatus } from '../../../shared/contract/gaming';
import { applyOnMachine, unloadAllOnMachine, type MachineOutcome } from './tray-machine-actions';
import { buildGamingMenuItems } from './tray-gaming-menu';
import { buildMachinesMenuItems } from './tray-machines-menu';
import { menuSignature } from './menu-signature';
import { shellStrings, shellTranslator } from './tray-strings';
import { formatTrayTooltip, WINDOWS_TOOLTIP_CHARS } from '../../../shared/tray/tray-tooltip';

/** Calls a contract method in-process; resolves to the result or null when it failed (the tray shows what it has). */
export type CoreCall = <N extends MethodName>(method: N, params?: MethodInput<N>) => Promise<MethodResult<N> | null>;

export interface TrayControllerOptions {
  createTray(icon: NativeImage): Tray;
  buildMenu(template: MenuItemConstructorOptions[]): Menu;
  loadIcon(state: TrayIconState): NativeImage;
  call: CoreCall;
  events: ContractEventHub;
  actions: Omit<TrayMenuActions, 'applyPreset' | 'unloadModel' | 'unloadAll' | 'benchmarkModel'>;
  osLocale: string;
  /** A left click on the icon (Windows, Linux; macOS opens the menu instead). */
  onClick?: () => void;
  /** A switch or unload started from the menu stopped because these models are still generating. */
  onBusy?: (busy: BusyModel[], target: BusyTarget) => void;
  /** A preset switch or Unload all started from a machine's submenu ended (the shell words a notification). */
  onMachineOutcome?: (outcome: MachineOutcome) => void;
  /** The longest tooltip the OS shows (default: Windows' 127 on Windows, 255 elsewhere). */
  maxTooltipChars?: number;
}

/** Owns the Tray instance and keeps it in step with the core. */
export class TrayController {
  private readonly tray: Tray;
  private sample: HardwareSample | null = null;
  private presets: PresetList | null = null;
  private models: ModelsState | null = null;
  private progress: PresetProgress | null = null;
  private energy: EnergySummary | null = null;
  private delegated: DelegationSummaryInfo | null = null;
  private settings: PublicSettings | null = null;
  private iconState: TrayIconState = 'idle';
  private fleet: FleetState | null = null;
  private gaming: GamingStatus | null = null;
  /** The last switch progress each other machine reported (through fleet.event). */
  private readonly machineProgress = new Map<string, PresetProgress>();
  /** What the menu now shows, so a fleet.changed that changes nothing visible does not rebuild it (no flicker). */
  private menuShown: string | null = null;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: TrayControllerOptions) {
    this.tray = options.createTray(options.loadIcon('idle'));
    if (options.onClick) this.tray.on('click', () => options.onClick?.());
    this.unsubscribe = options.events.subscribe((e) => {
      switch (e.event) {
        case 'hardware.sample':
          this.sample = e.payload;
          return this.renderStatus();
        case 'presets.progress':
          this.progress = e.payload;
          if (['done', 'failed', 'refused', 'cancelled'].includes(this.progress.phase)) void this.refresh();
          return this.renderAll();
        case 'presets.changed':
          this.presets = e.payload;
          return this.renderAll();
        case 'models.changed':
          this.models = e.payload;
          return this.renderAll();
        case 'settings.changed':
          this.settings = e.payload;
          return this.renderAll();
        case 'fleet.changed':
          this.fleet = e.payload;
          return this.renderAll();
        case 'gaming.changed':
          this.gaming = e.payload;
          return this.renderAll();
        case 'fleet.event': {
          if (e.payload.event !== 'presets.progress') return undefined;
          const parsed = PresetProgressSchema.safeParse(e.payload.payload);
          if (!parsed.success) return undefined;
          this.machineProgress.set(e.payload.machine, parsed.data);
          return this.renderAll();
        }
        default:
          return undefined;
      }
    });
    this.renderAll();
  }

  /** Re-read presets, models, settings and energy from the core, then re-render. */
  async refresh(): Promise<void> {
    const { call } = this.options;
    const [presets, models, settings, energy, delegated, fleet, gaming] = await Promise.all([
      call('presets.list'),
      call('models.list'),
      call('settings.get'),
      call('energy.summary'),
      call('energy.delegations', { since: 'today', by: 'client' }),
      call('fleet.list'),
      call('gaming.status'),
    ]);
    this.gaming = gaming ?? this.gaming;
    this.fleet = fleet ?? this.fleet;
    this.presets = presets ?? this.presets;
    this.models = models ?? this.models;
    this.settings = settings ?? this.settings;
    this.energy = energy ?? this.energy;
    this.delegated = delegated ?? this.delegated;
    this.renderAll();
  }

  /** The icon state now shown (for tests and the notification logic). */
  get state(): TrayIconState {
    return this.iconState;
  }

  /** Load the current state's icon again (the taskbar theme changed, so loadIcon answers another file). */
  reloadIcon(): void {
    this.tray.setImage(this.options.loadIcon(this.iconState));
  }

  /** Remove the tray icon and stop listening. */
  dispose(): void {
    this.unsubscribe();
    this.tray.destroy();
  }

  /** Pass a busy refusal of a menu action on (the shell shows a notification that says which model). */
  private reportBusy(busy: BusyModel[] | undefined, target: BusyTarget): void {
    if (busy?.length) this.options.onBusy?.(busy, target);
  }

  private renderStatus(): void {
    const strings = shellStrings(this.settings?.ui.language ?? 'auto', this.options.osLocale);
    const maxChars = this.options.maxTooltipChars ?? (process.platform === 'win32' ? WINDOWS_TOOLTIP_CHARS : 255);
    this.tray.setToolTip(
      formatTrayTooltip(this.sample, this.energy, strings, this.locale(), { delegated: this.delegated, maxChars }),
    );
    const next = deriveTrayIconState({ sample: this.sample, models: this.models, progress: this.progress });
    if (next !== this.iconState) {
      this.iconState = next;
      this.tray.setImage(this.options.loadIcon(next));
    }
  }

  private renderAll(): void {
    const strings = shellStrings(this.settings?.ui.language ?? 'auto', this.options.osLocale);
    const { call } = this.options;
    const actions: TrayMenuActions = {
      ...this.options.actions,
      applyPreset: (id) =>
        void call('presets.apply', { id }).then((r) =>
          this.reportBusy(r?.result === 'refused' ? r.busy : undefined, { presetId: id }),
        ),
      unloadModel: (instanceId) =>
        void call('models.unload', { instanceId }).then((r) => this.reportBusy(r?.busy, { unload: true })),
      unloadAll: () => void call('models.unloadAll', {}).then((r) => this.reportBusy(r?.busy, { unload: true })),
      // The run goes on in the core; the monitor's Benchmarks view follows its progress.
      benchmarkModel: (modelKey, contextLength) => {
        this.options.actions.openMonitor();
        void call('bench.run', { modelKey, ...(contextLength !== null ? { contextLength } : {}) });
      },
    };
    const template = buildTrayMenuTemplate(
      {
        presets: this.presets,
        models: this.models,
        progress: this.progress,
        quickChatHotkey: this.settings?.ui.quickChatHotkey ?? null,
        startAtLogin: this.settings?.ui.startAtLogin ?? false,
        locale: this.locale(),
      },
      actions,
      strings,
    );
    template.splice(
      template.findIndex((i) => i.id === 'quick-chat') - 1,
      0,
      ...buildMachinesMenuItems(this.fleet?.machines ?? [], this.machineProgress, this.machineActions(), strings, {
        t: shellTranslator(this.settings?.ui.language ?? 'auto', this.options.osLocale),
        language: this.locale(),
      }),
    );
    template.splice(
      template.findIndex((i) => i.id === 'quick-chat'),
      0,
      ...buildGamingMenuItems(
        this.gaming,
        {
          setGaming: (enabled) => void call('gaming.set', { enabled }),
          restoreNow: () => void call('gaming.restore', {}),
          unloadAnyway: () => void call('gaming.unloadAnyway', {}),
        },
        strings,
      ),
    );
    // The Benchmark item's click carries each model's context length, which no label shows.
    const clickData = this.models?.loaded.map((m) => [m.instanceId, m.modelKey, m.contextLength]);
    const signature = `${menuSignature(template)}${JSON.stringify(clickData ?? null)}`;
    if (signature !== this.menuShown) {
      this.menuShown = signature;
      this.tray.setContextMenu(this.options.buildMenu(template));
    }
    this.renderStatus();
  }

  private machineActions() {
    const { call, onMachineOutcome } = this.options;
    const report = (outcome: MachineOutcome) => {
      // Its progress stays in the label until the machine's next fleet.changed; the switch is over now.
      if (outcome.preset) this.machineProgress.delete(outcome.machine);
      onMachineOutcome?.(outcome);
      this.renderAll();
    };
    return {
      applyOnMachine: (machine: string, preset: { id: string; name: string }) =>
        void applyOnMachine(call, machine, preset).then(report),
      unloadAllOnMachine: (machine: string) => void unloadAllOnMachine(call, machine).then(report),
    };
  }

  /** Numbers in the language the tray's words are in (the one locale source), not the raw OS locale. */
  private locale(): string {
    return resolveUiLanguage(this.settings?.ui.language ?? 'auto', [this.options.osLocale]);
  }
}
