/**
 * The one long-lived `nvidia-smi --query-gpu=… -lms <interval>` child. It hands every stdout line
 * to `onLine`, restarts the child with exponential backoff when it dies, and kills it on stop and
 * when Node exits, so no nvidia-smi is left running (netdata #7143).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { SmiChildRecord } from './smi-child-record';

const STABLE_MS = 60_000;

export interface SmiStreamOptions {
  executable: string;
  fields: string[];
  intervalMs: number;
  /** The child's environment (the monitor's injected env). */
  env?: NodeJS.ProcessEnv;
  onLine: (line: string) => void;
  /** Called each time the child ends on its own, with a reason a person can read. */
  onExit?: (reason: string) => void;
  /** First restart delay; doubles up to `maxBackoffMs`, back to the start after a child that ran for a minute. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Where the running child's pid is recorded, so a crashed Loadout's child can be found and killed later. */
  record?: SmiChildRecord;
}

/** The arguments of the loop query. */
export function smiStreamArgs(fields: string[], intervalMs: number): string[] {
  return [
    `--query-gpu=${fields.join(',')}`,
    '--format=csv,noheader,nounits',
    '-lms',
    String(Math.max(1, Math.round(intervalMs))),
  ];
}

export class SmiStream {
  private child: ChildProcess | null = null;
  private stopped = true;
  private restartTimer: NodeJS.Timeout | null = null;
  private backoffMs: number;
  private loopMs: number;
  private readonly killOnExit = () => this.child?.kill('SIGKILL');
  /** Why the last child ended, or null while the first one is running. */
  lastExitReason: string | null = null;
  /** When the next restart is due (Unix ms), or null. */
  restartAt: number | null = null;
  restarts = 0;

  constructor(private readonly options: SmiStreamOptions) {
    this.backoffMs = options.initialBackoffMs ?? 500;
    this.loopMs = Math.max(1, Math.round(options.intervalMs));
  }

  /** The interval the child prints at now (`-lms`). */
  get intervalMs(): number {
    return this.loopMs;
  }

  /**
   * Print every `ms` from now on (gaming mode slows the loop so Loadout does not keep the GPU awake):
   * the running child is replaced by one at the new interval, with no backoff (it did not fail); a
   * restart already scheduled uses the new interval. Nothing happens at the same interval.
   */
  setIntervalMs(ms: number): void {
    const next = Math.max(1, Math.round(ms));
    if (next === this.loopMs) return;
    this.loopMs = next;
    const old = this.child;
    if (this.stopped || !old) return;
    this.child = null; // its exit is not a failure: onEnd ignores a child that is no longer current
    this.options.record?.clear();
    const force = setTimeout(() => old.kill('SIGKILL'), 2000);
    force.unref();
    old.once('exit', () => clearTimeout(force));
    old.kill('SIGTERM');
    this.spawnChild();
  }

  /** The running child's pid, or null. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get running(): boolean {
    return this.child !== null;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    process.on('exit', this.killOnExit);
    this.spawnChild();
  }

  private spawnChild(): void {
    this.restartAt = null;
    const spawnedAt = Date.now();
    const child = spawn(this.options.executable, smiStreamArgs(this.options.fields, this.loopMs), {
      env: this.options.env ?? process.env,
      windowsHide: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    if (child.pid !== undefined) this.options.record?.write(child.pid);
    let pending = '';
    let lastOutput = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl).replace(/\r$/, '');
        pending = pending.slice(nl + 1);
        if (line.trim()) lastOutput = line.trim();
        this.options.onLine(line);
      }
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      const line = chunk
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
        .pop();
      if (line) lastOutput = line;
    });
    const onEnd = (reason: string) => {
      if (this.child !== child) return;
      this.child = null;
      this.options.record?.clear();
      if (this.stopped) return;
      // A child that ran a good while was healthy: its death starts the backoff over.
      if (Date.now() - spawnedAt > STABLE_MS) this.backoffMs = this.options.initialBackoffMs ?? 500;
      this.lastExitReason = reason;
      this.options.onExit?.(reason);
      this.scheduleRestart();
    };
    child.on('error', (error) => onEnd(`nvidia-smi could not be started: ${error.message}`));
    child.on('exit', (code, signal) =>
      onEnd(`nvidia-smi exited (${signal ?? `code ${code}`})${lastOutput ? `: ${lastOutput}` : ''}`),
    );
  }

  private scheduleRestart(): void {
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs ?? 30_000);
    this.restartAt = Date.now() + delay;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.stopped) return;
      this.restarts++;
      this.spawnChild();
    }, delay);
    this.restartTimer.unref();
  }

  /** Kill the child (SIGTERM, then SIGKILL after 2 s) and resolve once it has exited. */
  async stop(): Promise<void> {
    this.stopped = true;
    process.off('exit', this.killOnExit);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    this.restartAt = null;
    const child = this.child;
    this.child = null;
    this.options.record?.clear();
    if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), 2000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}
