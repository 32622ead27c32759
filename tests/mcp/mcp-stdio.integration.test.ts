/**
 * `loadout mcp` over stdio, as an MCP client starts it, in both protocol revisions, against the LM
 * Studio emulator and the fake nvidia-smi: the tools, their happy paths, invalid params, LM Studio down,
 * and nothing but protocol messages on stdout (the SDK client fails on any other line).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../emulator';
import { deadCliEnv, startRunningServe } from '../support/running-serve';
import { connectStdio, REVISIONS, ROOT, textOf } from '../support/mcp-harness';

let home: string;
let emu: LmStudioEmulator;

const env = (lmstudioUrl: string) => ({
  LOADOUT_HOME: home,
  LOADOUT_LMSTUDIO_URL: lmstudioUrl,
  LOADOUT_LMS: FAKE_LMS_PATH,
  LOADOUT_NVML: 'off',
  LOADOUT_NVIDIA_SMI: path.join(ROOT, 'tests/fakes/nvidia-smi/nvidia-smi'),
  FAKE_NVSMI_SPEED: '4',
  LM_API_TOKEN: '',
});

beforeEach(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-mcp-'));
  emu = await createLmStudioEmulator({ preload: [{ key: 'qwen2.5-7b-instruct' }], loadMsPerGb: 1 });
});
afterEach(async () => {
  await emu.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe.each(REVISIONS)('loadout mcp over stdio, protocol %s', { timeout: 120_000 }, (revision) => {
  it('lists the tools with schemas and hints, and answers each read tool from the emulator', async () => {
    const mcp = await connectStdio(revision, ['--standalone'], env(emu.url));
    try {
      if (revision === '2026-07-28') expect(mcp.client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
      else expect(mcp.client.getNegotiatedProtocolVersion()).toBe('2025-11-25');
      const { tools } = await mcp.client.listTools();
      expect(tools.map((t) => t.name)).toEqual([
        'ask',
        'route',
        'models',
        'status',
        'apply_preset',
        'unload',
        'energy',
        'benchmarks',
      ]);
      for (const t of tools) {
        expect(t.inputSchema.type).toBe('object');
        expect(t.outputSchema?.type).toBe('object');
      }
      const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
      expect(byName.status!.annotations).toMatchObject({ readOnlyHint: true });
      expect(byName.apply_preset!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
      expect(byName.unload!.annotations).toMatchObject({ destructiveHint: true });
      // The description comes from the machine: the loaded model is named.
      expect(byName.route!.description).toContain('qwen2.5-7b-instruct');

      const models = await mcp.client.callTool({ name: 'models', arguments: {} });
      expect(models.isError).toBeFalsy();
      const listed = (
        models.structuredContent as { models: Array<{ key: string; loaded: unknown[]; quantization: string | null }> }
      ).models;
      expect(listed.find((m) => m.key === 'qwen2.5-7b-instruct')?.loaded).toHaveLength(1);
      expect(textOf(models)).toContain('qwen2.5-7b-instruct');

      const status = await mcp.client.callTool({ name: 'status', arguments: {} });
      expect(status.structuredContent).toMatchObject({
        lmStudio: { reachable: true },
        loaded: [{ modelKey: 'qwen2.5-7b-instruct', busy: false }],
      });

      const route = await mcp.client.callTool({
        name: 'route',
        arguments: { prompt: 'Write a Python function that reverses a list.' },
      });
      expect(route.isError).toBeFalsy();
      expect((route.structuredContent as { choice: { modelKey: string } | null }).choice?.modelKey).toBe(
        'qwen2.5-7b-instruct',
      );

      const energy = await mcp.client.callTool({ name: 'energy', arguments: { since: '24h', by: 'model' } });
      expect(energy.isError, textOf(energy)).toBeFalsy();
      expect(energy.structuredContent).toMatchObject({ kWh: expect.any(Number), rows: expect.any(Array) });

      const bench = await mcp.client.callTool({ name: 'benchmarks', arguments: {} });
      expect(bench.structuredContent).toEqual({ results: [] });
      expect(textOf(bench)).toMatch(/No benchmark/);

      const { resources } = await mcp.client.listResources();
      expect(resources.map((r) => r.uri)).toEqual(['loadout://profile', 'loadout://benchmarks']);
      const profile = await mcp.client.readResource({ uri: 'loadout://profile' });
      expect((profile.contents[0] as { text: string }).text).toMatch(/^#/m);
    } finally {
      await mcp.close();
    }
  });

  it('applies a preset with progress, unloads, and refuses malformed arguments as invalid params naming the field', async () => {
    const mcp = await connectStdio(revision, ['--standalone'], env(emu.url));
    try {
      const progress: Array<{ progress: number; message?: string }> = [];
      const applied = await mcp.client.callTool(
        { name: 'apply_preset', arguments: { preset: 'dual-7b' } },
        { onprogress: (p) => progress.push(p) },
      );
      expect(applied.isError, textOf(applied)).toBeFalsy();
      expect(applied.structuredContent).toMatchObject({ result: 'ok' });
      expect(progress.length).toBeGreaterThan(0);
      for (let i = 1; i < progress.length; i++)
        expect(progress[i]!.progress).toBeGreaterThan(progress[i - 1]!.progress);

      const unknownPreset = await mcp.client.callTool({
        name: 'apply_preset',
        arguments: { preset: 'no-such-preset' },
      });
      expect(unknownPreset.isError).toBe(true);
      expect(textOf(unknownPreset)).toMatch(/no-such-preset/);

      const unloaded = await mcp.client.callTool({ name: 'unload', arguments: { all: true } });
      expect(unloaded.isError, textOf(unloaded)).toBeFalsy();
      expect((unloaded.structuredContent as { unloaded: string[] }).unloaded.length).toBeGreaterThan(0);
      expect(emu.state.instances).toHaveLength(0);

      await expect(mcp.client.callTool({ name: 'route', arguments: { prompt: 42 } })).rejects.toMatchObject({
        code: -32602,
        message: expect.stringContaining('`prompt`'),
      });
      await expect(mcp.client.callTool({ name: 'energy', arguments: { since: 'forever' } })).rejects.toMatchObject({
        code: -32602,
        message: expect.stringContaining('`since`'),
      });
      await expect(mcp.client.callTool({ name: 'unload', arguments: {} })).rejects.toMatchObject({
        code: -32602,
        message: expect.stringContaining('`instance`'),
      });
      await expect(mcp.client.callTool({ name: 'status', arguments: { verbose: true } })).rejects.toMatchObject({
        code: -32602,
        message: expect.stringContaining('`verbose`'),
      });
      // The server is still there after all of that.
      expect((await mcp.client.callTool({ name: 'status', arguments: {} })).isError).toBeFalsy();
    } finally {
      await mcp.close();
    }
  });

  it('answers LM Studio down as a tool error that says what to do, and keeps serving', async () => {
    const mcp = await connectStdio(revision, ['--standalone'], env('http://127.0.0.1:9'));
    try {
      const models = await mcp.client.callTool({ name: 'models', arguments: {} });
      expect(models.isError).toBe(true);
      expect(textOf(models)).toMatch(/LM Studio is not reachable.*Start LM Studio/);
      const status = await mcp.client.callTool({ name: 'status', arguments: {} });
      expect(status.isError).toBeFalsy();
      expect(status.structuredContent).toMatchObject({ lmStudio: { reachable: false }, loaded: [] });
      const applied = await mcp.client.callTool({ name: 'apply_preset', arguments: { preset: 'dual-7b' } });
      expect(applied.isError).toBe(true);
      expect(textOf(applied).length).toBeGreaterThan(20);
    } finally {
      await mcp.close();
    }
  });
});

describe('loadout mcp with loadout serve running', { timeout: 120_000 }, () => {
  it('works through the running serve (its LM Studio, its busy view) and tells the client when the loaded set changes', async () => {
    const serve = await startRunningServe(home, emu.url, { lms: FAKE_LMS_PATH });
    // The MCP process itself points at no LM Studio: whatever it reports came from serve.
    const mcp = await connectStdio('2025-11-25', [], deadCliEnv(home));
    try {
      expect(mcp.stderr()).toMatch(/working through the running Loadout \(serve/);
      const changed = new Promise<void>((resolve) =>
        mcp.client.setNotificationHandler('notifications/tools/list_changed', () => resolve()),
      );
      const status = await mcp.client.callTool({ name: 'status', arguments: {} });
      expect(status.structuredContent).toMatchObject({
        lmStudio: { reachable: true },
        loaded: [{ modelKey: 'qwen2.5-7b-instruct' }],
      });
      await mcp.client.listTools();
      const unloaded = await mcp.client.callTool({ name: 'unload', arguments: { instance: 'qwen2.5-7b-instruct' } });
      expect(unloaded.isError, textOf(unloaded)).toBeFalsy();
      await changed;
      const { tools } = await mcp.client.listTools();
      expect(tools.find((t) => t.name === 'ask')!.description).toMatch(/No model is loaded now/);
    } finally {
      await mcp.close();
      await serve.stop();
    }
  });
});
