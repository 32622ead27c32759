/**
 * `loadout serve` as a fleet agent: HTTPS off loopback with its stored certificate (the off-loopback
 * path is taken on 127.0.0.1 through the injected loopback decision: tests use loopback only), plain
 * HTTP refused there, and `/metrics` behind the token, parsed by a Prometheus text-format parser.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppCore } from '../../electron/core/app-core';
import { loadOrCreateServeCertificate } from '../../electron/core/http/serve-certificate';
import { startServe, type RunningServe } from '../../electron/serve/start-serve';
import { createLmStudioEmulator, type LmStudioEmulator } from '../emulator';
import { FAKE_SMI } from '../support/fake-smi';

const TOKEN = 'fleet-test-token-0123456789';
let serving: RunningServe | null = null;
let emulator: LmStudioEmulator | null = null;
const homes: string[] = [];

afterEach(async () => {
  await serving?.close();
  serving = null;
  await emulator?.close();
  emulator = null;
  for (const home of homes.splice(0)) fs.rmSync(home, { recursive: true, force: true });
});

async function startAgent(options: {
  offLoopback: boolean;
  insecure?: boolean;
  gpu?: boolean;
}): Promise<{ serving: RunningServe; home: string; stderr: string[] }> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-fleet-'));
  homes.push(home);
  emulator = await createLmStudioEmulator({});
  const env = {
    PATH: process.env.PATH ?? '',
    LOADOUT_HOME: home,
    LOADOUT_LMSTUDIO_URL: emulator.url,
    LOADOUT_NVML: 'off',
    LOADOUT_NVIDIA_SMI: options.gpu ? FAKE_SMI : path.join(home, 'no-nvidia-smi'),
    FAKE_NVSMI_NOW: '1',
    LM_API_TOKEN: '',
  };
  const core = createAppCore({ dataDir: home, env, onMessage: () => {} });
  const stderr: string[] = [];
  serving = await startServe(core, {
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    rendererDir: path.join(home, 'renderer'),
    openAi: false,
    env,
    insecure: options.insecure,
    isLoopback: options.offLoopback ? () => false : undefined,
    writeErr: (text) => stderr.push(text),
  });
  return { serving, home, stderr };
}

function request(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; fingerprint: string | null; contentType: string | undefined }> {
  const client = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, { headers, rejectUnauthorized: false }, (res) => {
      const fingerprint = url.startsWith('https:')
        ? (res.socket as TLSSocket).getPeerCertificate().fingerprint256
        : null;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, fingerprint, contentType: res.headers['content-type'] }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serve off loopback', () => {
  it('answers HTTPS with the stored certificate whose fingerprint it reports, the same on the next run', async () => {
    const { serving: first, home } = await startAgent({ offLoopback: true });
    expect(first.transport).toEqual({ scheme: 'https', reason: 'off-loopback' });
    expect(first.server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const stored = await loadOrCreateServeCertificate({ dataDir: home });
    expect(stored.created).toBe(false);
    expect(first.fingerprint256).toBe(stored.fingerprint256);
    const answer = await request(`${first.server.url}/metrics`, { Authorization: `Bearer ${TOKEN}` });
    expect(answer.status).toBe(200);
    expect(answer.fingerprint).toBe(first.fingerprint256);
  });

  it('refuses plain HTTP with a message that names the https address', async () => {
    const { serving: agent } = await startAgent({ offLoopback: true });
    const plain = await request(`http://127.0.0.1:${agent.server.port}/metrics`, { Authorization: `Bearer ${TOKEN}` });
    expect(plain.status).toBe(400);
    expect(plain.body).toContain(`Use https://127.0.0.1:${agent.server.port}/`);
    expect(plain.body).not.toContain('loadout_');
  });

  it('serves plain HTTP off loopback only with --insecure, and says the token is in clear', async () => {
    const { serving: agent, stderr } = await startAgent({ offLoopback: true, insecure: true });
    expect(agent.server.url).toMatch(/^http:/);
    expect(agent.fingerprint256).toBeNull();
    expect(stderr.join('')).toMatch(/--insecure: serving plain HTTP.*in clear/);
  });

  it('refuses /metrics without the token, or with it in the URL', async () => {
    const { serving: agent } = await startAgent({ offLoopback: true });
    const none = await request(`${agent.server.url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.body).not.toContain('loadout_');
    const inUrl = await request(`${agent.server.url}/metrics?token=${TOKEN}`);
    expect(inUrl.status).toBe(401);
  });

  it('stays plain HTTP on loopback, as before', async () => {
    const { serving: agent } = await startAgent({ offLoopback: false });
    expect(agent.transport.scheme).toBe('http');
    expect(agent.server.url).toMatch(/^http:/);
  });
});

describe('/metrics', () => {
  it('gives GPU, energy and loaded models in the Prometheus text format, from the replayed capture and the emulator', async () => {
    const { serving: agent } = await startAgent({ offLoopback: true, gpu: true });
    const load = await fetch(`${emulator!.url}/api/v1/models/load`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'qwen2.5-coder-14b-instruct' }),
    });
    expect(load.ok).toBe(true);
    const scrape = async () => {
      const answer = await request(`${agent.server.url}/metrics`, { Authorization: `Bearer ${TOKEN}` });
      expect(answer.status).toBe(200);
      expect(answer.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
      return new Map(parsePrometheusTextFormat(answer.body).map((f) => [f.name, f]));
    };
    // Waits for the sampler's readings (two, so energy has an interval to integrate), not for a time.
    const families = await vi.waitFor(
      async () => {
        const parsed = await scrape();
        expect(Number(parsed.get('loadout_energy_joules_total')?.metrics[0]?.value)).toBeGreaterThan(0);
        return parsed;
      },
      { timeout: 20_000, interval: 200 },
    );

    const util = families.get('loadout_gpu_utilization_ratio')!;
    expect(util.type).toBe('GAUGE');
    expect(util.metrics[0]!.labels).toMatchObject({ gpu: '0' });
    expect(Number(util.metrics[0]!.value)).toBeGreaterThanOrEqual(0);
    expect(Number(util.metrics[0]!.value)).toBeLessThanOrEqual(1);
    const used = Number(families.get('loadout_gpu_memory_used_bytes')!.metrics[0]!.value);
    const total = Number(families.get('loadout_gpu_memory_total_bytes')!.metrics[0]!.value);
    expect(used).toBeGreaterThanOrEqual(0);
    expect(total).toBe(150754820096); // the replayed H200 capture's memory.total
    expect(total).toBeGreaterThan(used);
    expect(Number(families.get('loadout_gpu_power_watts')!.metrics[0]!.value)).toBeGreaterThan(0);
    expect(families.get('loadout_energy_joules_total')!.type).toBe('COUNTER');
    expect(families.get('loadout_lmstudio_up')!.metrics[0]!.value).toBe('1');
    expect(families.get('loadout_models_loaded')!.metrics).toEqual([
      { labels: { model: 'qwen2.5-coder-14b-instruct' }, value: '1' },
    ]);
    for (const name of ['loadout_model_tokens_per_second', 'loadout_requests_total', 'loadout_delegations_total']) {
      expect(families.get(name), name).toBeDefined();
      expect(families.get(name)!.help.length).toBeGreaterThan(10);
    }
    expect(families.get('loadout_requests_total')!.type).toBe('COUNTER');
  });

  it('reports LM Studio down instead of failing the scrape', async () => {
    const { serving: agent } = await startAgent({ offLoopback: false });
    await emulator!.close();
    emulator = null;
    const answer = await request(`${agent.server.url}/metrics`, { Authorization: `Bearer ${TOKEN}` });
    expect(answer.status).toBe(200);
    const families = new Map(parsePrometheusTextFormat(answer.body).map((f) => [f.name, f]));
    expect(families.get('loadout_lmstudio_up')!.metrics[0]!.value).toBe('0');
    expect(families.get('loadout_models_loaded')!.metrics).toEqual([]);
  });
});
