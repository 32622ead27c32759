/**
 * The MCP project's own conformance suite (@modelcontextprotocol/conformance) against `/mcp` on a real
 * `loadout serve --mcp`. Only the scenarios that apply to a tools + resources server without prompts,
 * logging, sampling, elicitation, completion or subscriptions: the others call the suite's own fixture
 * tools (`test_simple_text`, …) that a real server does not have. Runs offline.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startMcpServe, type McpServe } from '../support/mcp-harness';

const CONFORMANCE = path.join(ROOT, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');
const SCENARIOS = ['server-initialize', 'ping', 'tools-list', 'resources-list', 'dns-rebinding-protection'];

let home: string;
let serve: McpServe;

/** Run one scenario; resolves to its exit code and output. */
function runScenario(url: string, scenario: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CONFORMANCE, 'server', '--url', url, '--scenario', scenario], {
      cwd: home,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-mcp-conformance-'));
  // No LM Studio: the protocol must hold whatever the machine's state.
  serve = await startMcpServe([], {
    LOADOUT_HOME: home,
    LOADOUT_LMSTUDIO_URL: 'http://127.0.0.1:9',
    LOADOUT_LMS: path.join(home, 'no-lms'),
    LOADOUT_NVML: 'off',
    LOADOUT_NVIDIA_SMI: path.join(home, 'no-nvidia-smi'),
  });
}, 60_000);
afterAll(async () => {
  await serve?.stop();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('the MCP conformance suite against /mcp', { timeout: 90_000 }, () => {
  it.each(SCENARIOS)('passes %s', async (scenario) => {
    const { code, output } = await runScenario(`${serve.url}/mcp`, scenario);
    expect(output).toMatch(/Passed: (\d+)\/\1, 0 failed/);
    expect(code, output).toBe(0);
  });
});
