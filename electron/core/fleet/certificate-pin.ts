/**
 * Certificate pinning for other machines' agents (issue 18): an agent serves HTTPS with a self-signed
 * certificate, so no CA can vouch for it; `machines add` shows its SHA-256 fingerprint for the user to
 * compare and pins it (trust on first use, like SSH), and every later connection must present it.
 * The check runs before the HTTP upgrade is written, so the token never reaches a certificate that fails.
 */
import type { ClientRequestArgs } from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';

/** 64 lower-case hex digits from any common spelling (colons, spaces, upper case); null when it is not a SHA-256. */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

/** The fingerprint as `openssl x509 -fingerprint -sha256` and the agent print it: AB:CD:… */
export function formatFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{2}/g) ?? []).join(':');
}

/** The agent presented another certificate than the one pinned: another machine, or someone in between. */
export class FingerprintMismatchError extends Error {
  constructor(
    readonly machine: string,
    readonly pinned: string,
    readonly presented: string,
  ) {
    super(
      `The certificate of "${machine}" has changed: pinned ${formatFingerprint(pinned)}, presented ${formatFingerprint(presented)}. ` +
        'Someone may be in between, or that machine made a new certificate. Nothing was sent to it. If you trust the change, ' +
        `run \`loadout machines remove ${machine}\` and add it again, comparing the fingerprint with the one its \`loadout serve\` prints.`,
    );
    this.name = 'FingerprintMismatchError';
  }
}

type OnCreate = (error: Error | null, socket?: Duplex) => void;

/**
 * A `createConnection` for ws/https that accepts only the pinned certificate (any, when `pin` is null:
 * the first contact of `machines add`), and tells `onSeen` which fingerprint was presented.
 */
export function pinnedTlsConnection(
  machine: string,
  pin: string | null,
  onSeen: (fingerprint: string) => void = () => {},
) {
  return (options: ClientRequestArgs, oncreate: OnCreate): undefined => {
    const host = options.hostname ?? options.host ?? 'localhost';
    const socket = tls.connect({
      host,
      port: Number(options.port),
      servername: net.isIP(host) ? undefined : host,
      // No CA signs an agent's certificate: the pin below is the check.
      rejectUnauthorized: false,
    });
    const fail = (error: Error) => oncreate(error);
    socket.once('error', fail);
    socket.once('secureConnect', () => {
      const presented = normalizeFingerprint(socket.getPeerX509Certificate()?.fingerprint256 ?? '');
      if (!presented) {
        socket.destroy();
        return oncreate(new Error(`"${machine}" presented no certificate; nothing was sent to it.`));
      }
      onSeen(presented);
      if (pin !== null && presented !== pin) {
        socket.destroy();
        return oncreate(new FingerprintMismatchError(machine, pin, presented));
      }
      socket.off('error', fail);
      oncreate(null, socket);
    });
    return undefined;
  };
}
