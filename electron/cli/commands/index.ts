/**
 * Every `loadout` sub-command, in the order `loadout help` lists them. Add a command here and nowhere else.
 * Each entry loads its module only when that command runs: `loadout help` and a mistyped command then start
 * without openai, conf, zod, systeminformation or the GGUF reader (the command modules import those). The
 * summary is repeated here for `help` (tests/cli/commands/lazy-commands.test.ts checks it matches the module's).
 */
import type { CliCommand } from '../command';

/** A command `help` can list without loading it; `load()` imports its module when it runs. */
export interface LazyCliCommand {
  name: string;
  summary: string;
  load(): Promise<CliCommand>;
}

export const commands: LazyCliCommand[] = [
  {
    name: 'profile',
    summary: 'Describe this machine (CPU, RAM, GPU, memory bandwidth) and which model sizes it can run, how fast.',
    load: async () => (await import('./profile')).profileCommand,
  },
  {
    name: 'monitor',
    summary: 'Live GPU (NVML or nvidia-smi), CPU and RAM readings; --json prints one object per line.',
    load: async () => {
      // The CPU window opens before monitor's modules load, so they load inside it (monitor-cpu-window.ts).
      (await import('./monitor-cpu-window')).openMonitorCpuWindow();
      return (await import('./monitor')).monitorCommand;
    },
  },
  {
    name: 'serve',
    summary: 'Run Loadout headless: the web UI and the app API over WebSocket (loopback unless given a token).',
    load: async () => (await import('./serve')).serveCommand,
  },
  {
    name: 'energy',
    summary:
      'GPU energy from the ledger: kWh, cost, CO2e and idle waste per day, week, month, preset or model; --by client: tasks delegated over MCP.',
    load: async () => (await import('./energy')).energyCommand,
  },
  {
    name: 'config',
    summary: 'Read or change a setting: config get [KEY], config set KEY VALUE (e.g. config set energy.tariff 0.89).',
    load: async () => (await import('./config')).configCommand,
  },
  {
    name: 'models',
    summary: "LM Studio's downloaded and loaded models, and the API level in use (--json for scripts).",
    load: async () => (await import('./models')).modelsCommand,
  },
  {
    name: 'presets',
    summary: 'List presets (--json), import a presets JSON file, or export one preset as JSON.',
    load: async () => (await import('./presets')).presetsCommand,
  },
  {
    name: 'apply',
    summary: 'Switch LM Studio to a preset: checks memory first, then unloads and loads only what differs.',
    load: async () => (await import('./apply')).applyCommand,
  },
  {
    name: 'unload',
    summary: 'Unload one loaded instance, or all of them (pinned ones spared unless --include-pinned).',
    load: async () => (await import('./unload')).unloadCommand,
  },
  {
    name: 'route',
    summary: 'Show which model would answer a prompt and why (no model is called).',
    load: async () => (await import('./route')).routeCommand,
  },
  {
    name: 'chat',
    summary: 'Ask a question: routed to the best-fitting model (or --model), streamed, measured and costed.',
    load: async () => (await import('./chat')).chatCommand,
  },
  {
    name: 'bench',
    summary:
      'Benchmark a model (speed, first-token latency, memory, energy vs. the estimates), keep, rate and export results.',
    load: async () => (await import('./bench')).benchCommand,
  },
  {
    name: 'mcp',
    summary:
      'Run the MCP server on stdin/stdout, for Claude and other agents (through a running Loadout when there is one).',
    load: async () => (await import('./mcp')).mcpCommand,
  },
  {
    name: 'machines',
    summary: 'List the other machines (online, GPU, VRAM, power, models, preset), or add and remove one.',
    load: async () => (await import('./machines')).machinesCommand,
  },
  {
    name: 'gaming',
    summary: 'Gaming mode: unload the models while a game runs, restore them after (status, on, off, restore)',
    load: async () => (await import('./gaming')).gamingCommand,
  },
];
