/**
 * The tray app's OpenAI-compatible endpoint follows `settings.server`: started on loopback when
 * `openAiEndpoint` is on, restarted when the port changes, stopped when turned off and on quit.
 * Changes are applied one at a time, in order, so a quick on/off/on never leaves two servers or none.
 */

/** A running endpoint server (startOpenAiEndpointServer's result). */
export interface RunningEndpoint {
  baseUrl: string;
  port: number;
  problems: string[];
  close(): Promise<void>;
}

export interface EndpointToggleDeps {
  /** Start the server on 127.0.0.1:`port`. */
  start(port: number): Promise<RunningEndpoint>;
  /** The server could not start (port taken, …): tell the user. */
  onFailed(port: number, error: Error): void;
  /** Lines about skipped routing configuration, once per start. */
  onProblems?(problems: string[]): void;
}

export interface EndpointWanted {
  openAiEndpoint: boolean;
  port: number;
}

/** Starts and stops the endpoint as the settings say; `apply` resolves when the change is done. */
export class OpenAiEndpointToggle {
  private running: RunningEndpoint | null = null;
  private queue: Promise<void> = Promise.resolve();
  /** The last state asked for; a failed start is retried only when this changes. */
  private wanted: EndpointWanted = { openAiEndpoint: false, port: 0 };

  constructor(private readonly deps: EndpointToggleDeps) {}

  /** The running server, if any. */
  get current(): RunningEndpoint | null {
    return this.running;
  }

  /** Bring the server in line with `wanted` (no-op when it already is). */
  apply(wanted: EndpointWanted): Promise<void> {
    if (wanted.openAiEndpoint === this.wanted.openAiEndpoint && wanted.port === this.wanted.port) return this.queue;
    this.wanted = { ...wanted };
    const target = this.wanted;
    this.queue = this.queue.then(() => this.reconcile(target));
    return this.queue;
  }

  /** Stop the server (quit). */
  dispose(): Promise<void> {
    return this.apply({ openAiEndpoint: false, port: this.wanted.port });
  }

  private async reconcile(target: EndpointWanted): Promise<void> {
    const keep = target.openAiEndpoint && this.running?.port === target.port;
    if (this.running && !keep) {
      const old = this.running;
      this.running = null;
      await old.close().catch(() => {});
    }
    if (!target.openAiEndpoint || keep) return;
    try {
      this.running = await this.deps.start(target.port);
      if (this.running.problems.length) this.deps.onProblems?.(this.running.problems);
    } catch (error) {
      this.deps.onFailed(target.port, error instanceof Error ? error : new Error(String(error)));
    }
  }
}
