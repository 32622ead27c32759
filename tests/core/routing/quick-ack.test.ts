/** Quick-ACK: bound on Linux through koffi, missing elsewhere or when koffi cannot load, and safe on any socket. */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadQuickAck, socketFd } from '../../../electron/core/routing/quick-ack';
import { quickAckState } from '../../support/tcp-quick-ack-state';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function connectedPair(): Promise<net.Socket> {
  const accepted: net.Socket[] = [];
  const server = net.createServer((s) => accepted.push(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = net.connect((server.address() as AddressInfo).port, '127.0.0.1');
  await new Promise((resolve) => client.once('connect', resolve));
  cleanups.push(() => {
    client.destroy();
    for (const s of accepted) s.destroy();
    server.close();
  });
  return client;
}

describe('loadQuickAck', () => {
  it.each(['win32', 'darwin'] as const)('is missing on %s, without loading koffi', async (platform) => {
    const importKoffi = vi.fn();
    expect(await loadQuickAck({ platform, importKoffi })).toBeNull();
    expect(importKoffi).not.toHaveBeenCalled();
  });

  it('is missing when koffi cannot load on Linux', async () => {
    const importKoffi = () => Promise.reject(new Error('koffi.node: wrong ELF class'));
    expect(await loadQuickAck({ platform: 'linux', importKoffi })).toBeNull();
  });

  it.runIf(process.platform === 'linux')('on Linux, ACKs at once on a connected socket', async () => {
    const ackNow = await loadQuickAck();
    expect(ackNow).not.toBeNull();
    const socket = await connectedPair();
    expect(ackNow!(socket)).toBe(true);
    expect(quickAckState(socket)).toBe(1);
  });

  it.runIf(process.platform === 'linux')('answers false for a socket with no descriptor (closed)', async () => {
    const ackNow = await loadQuickAck();
    const socket = await connectedPair();
    socket.destroy();
    await new Promise((resolve) => socket.once('close', resolve));
    expect(socketFd(socket)).toBeNull();
    expect(ackNow!(socket)).toBe(false);
  });
});
