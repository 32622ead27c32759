/**
 * The app's side of LAN discovery (issue 18): while `fleet.discovery` is on and the fleet watch runs, one
 * mDNS browser stays open for `_loadout._tcp`, so `fleet.list` can offer the agents found that are not in
 * `machines` yet. The setting is read again every few seconds (another process may change config.json),
 * so turning it off closes the multicast socket without a restart. Finding an agent trusts nothing: adding
 * it still takes its token and the fingerprint the user compared.
 */
import os from 'node:os';
import { Bonjour, type Browser, type Service } from 'bonjour-service';
import { createEmitter } from '../../../shared/events/typed-emitter';
import type { Machine } from '../../../shared/settings/schema';
import { foundAgentFromService, LOADOUT_SERVICE_TYPE, type BonjourLike } from './lan-discovery';

/** An agent found on the LAN and not yet added, as `fleet.list` carries it. */
export interface DiscoveredAgent {
  name: string;
  url: string;
  version: string | null;
  /** Its contract version, to tell an incompatible agent apart before adding it; null when not announced. */
  contract: number | null;
  scheme: 'http' | 'https';
}

export interface LanWatch {
  /** Browse while the setting is on (checked now and every few seconds) until `stop()`. */
  start(): void;
  stop(): Promise<void>;
  /** Read the setting again now (after `settings.set`), instead of at the next check. */
  refresh(): void;
  /** The agents found and not in `machines` (nor this machine itself), sorted by name. */
  found(): DiscoveredAgent[];
  /** Told when an agent appears or leaves, or browsing stops; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}

export interface LanWatchOptions {
  enabled: () => boolean;
  machines: () => readonly Machine[];
  /** This machine's announced name, so its own announcement is not offered (default the host name). */
  localName?: string;
  /** A bonjour instance per browsing period; tests may inject one. Default: a real multicast socket. */
  bonjour?: (onError: (error: unknown) => void) => BonjourLike;
  /** How often the setting is read again and stale services expire (default 5 s). */
  checkEveryMs?: number;
  onError?: (error: unknown) => void;
}

/** Every twelfth check asks the LAN again, so an agent whose announcement was missed still shows up. */
const QUERY_EVERY_CHECKS = 12;

export function createLanWatch(options: LanWatchOptions): LanWatch {
  const events = createEmitter<{ change: undefined }>();
  const localName = (options.localName ?? os.hostname()).toLowerCase();
  const makeBonjour = options.bonjour ?? ((onError) => new Bonjour({}, onError));
  const services = new Map<string, Service>();
  let open: { bonjour: BonjourLike; browser: Browser } | null = null;
  let timer: NodeJS.Timeout | undefined;
  let checks = 0;
  let started = false;

  const changed = () => events.emit('change', undefined);
  const onError = (error: unknown) => options.onError?.(error);

  function close(): void {
    if (!open) return;
    const { bonjour, browser } = open;
    open = null;
    browser.stop();
    bonjour.destroy();
    if (services.size > 0) {
      services.clear();
      changed();
    }
  }

  function check(): void {
    if (!started || !options.enabled()) return close();
    if (open) {
      open.browser.expire();
      if (++checks % QUERY_EVERY_CHECKS === 0) open.browser.update();
      return;
    }
    const bonjour = makeBonjour(onError);
    const browser = bonjour.find({ type: LOADOUT_SERVICE_TYPE, protocol: 'tcp' });
    const put = (service: Service) => {
      services.set(service.fqdn, service);
      changed();
    };
    browser.on('up', put);
    browser.on('txt-update', put);
    browser.on('srv-update', put);
    browser.on('down', (service) => {
      if (services.delete(service.fqdn)) changed();
    });
    open = { bonjour, browser };
  }

  return {
    start() {
      if (started) return;
      started = true;
      check();
      timer = setInterval(check, options.checkEveryMs ?? 5000);
      timer.unref();
    },
    async stop() {
      started = false;
      clearInterval(timer);
      close();
    },
    refresh: check,
    found() {
      const machines = options.machines();
      const names = new Set(machines.map((m) => m.name.toLowerCase()));
      const byName = new Map<string, DiscoveredAgent>();
      for (const service of services.values()) {
        const agent = foundAgentFromService(service, machines);
        if (!agent || agent.added || names.has(agent.name.toLowerCase()) || agent.name.toLowerCase() === localName)
          continue;
        const { name, url, version, contractVersion, scheme } = agent;
        byName.set(name, { name, url, version, contract: contractVersion, scheme });
      }
      return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
    },
    onChange: (listener) => events.on('change', listener),
  };
}
