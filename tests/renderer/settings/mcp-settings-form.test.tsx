// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { mcpDraftToPatch, toMcpDraft } from '../../../renderer/src/settings/mcp-draft';
import { McpSettingsForm } from '../../../renderer/src/settings/mcp-settings-form';
import { SettingsPatchSchema, toPublicSettings, type SettingsPatch } from '../../../shared/contract/settings';
import { defaultSettings, type Settings } from '../../../shared/settings/schema';
import { createFakeApi, type FakeApi } from '../../support/fake-api';
import { type Language, mountSettings, settingsCore } from './settings-harness';

afterEach(cleanup);

let api: FakeApi = createFakeApi();

function setup(initial: Settings = defaultSettings(), language: Language = 'en') {
  api = createFakeApi();
  const core = settingsCore(api, initial);
  mountSettings(<McpSettingsForm />, api, { language, settings: core.stored() });
  return { stored: core.stored };
}

const save = async (name = 'Save MCP settings') => {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name }));
  });
};
const patches = () => api.calls.filter((c) => c.method === 'settings.set').map((c) => c.input as SettingsPatch);

describe('MCP settings form', () => {
  it('turns /mcp on, adds two folders, sets confidence (decimal comma), concurrency and prices, and saves them', async () => {
    const { stored } = setup();
    const http = screen.getByRole('checkbox', { name: /Serve MCP over HTTP at \/mcp/ });
    expect((http as HTMLInputElement).checked).toBe(false);
    fireEvent.click(http);
    expect(screen.getByText(/No folders: no file is read/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add folder' }));
    // The new row's field has the focus, so a keyboard user types straight into it.
    expect(document.activeElement).toBe(
      within(screen.getByRole('group', { name: 'Folder 1' })).getByLabelText('Folder path'),
    );
    fireEvent.change(document.activeElement!, { target: { value: '/home/ana/src' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add folder' }));
    fireEvent.change(within(screen.getByRole('group', { name: 'Folder 2' })).getByLabelText('Folder path'), {
      target: { value: 'C:\\Users\\ana\\docs' },
    });
    fireEvent.change(screen.getByLabelText('Minimum routing confidence (0–1)'), { target: { value: '0,7' } });
    fireEvent.change(screen.getByLabelText('Questions answered at once'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('Output, per million tokens'), { target: { value: '75' } });
    await save();
    expect(patches()).toHaveLength(1);
    expect(stored().mcp).toMatchObject({
      http: true,
      fileRoots: ['/home/ana/src', 'C:\\Users\\ana\\docs'],
      minConfidence: 0.7,
      maxConcurrent: 3,
      cloudPrice: { inputPerMTok: 3, outputPerMTok: 75 },
      maxFileBytes: 262_144,
      busyWaitSeconds: 15,
    });
    expect(screen.getByRole('status').textContent).toBe('Settings saved.');
  });

  it('removes a folder by its named button', async () => {
    const { stored } = setup({ ...defaultSettings(), mcp: { ...defaultSettings().mcp, fileRoots: ['/a', '/b'] } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove /a' }));
    await save();
    expect(stored().mcp.fileRoots).toEqual(['/b']);
  });

  it('names what to fix and saves nothing: an empty folder row, a confidence above 1, zero at once, a negative price', async () => {
    setup();
    fireEvent.click(screen.getByRole('button', { name: 'Add folder' }));
    await save();
    expect(screen.getByRole('status').textContent).toMatch(/folder path in each row/);
    expect(
      within(screen.getByRole('group', { name: 'Folder 1' }))
        .getByLabelText('Folder path')
        .getAttribute('aria-invalid'),
    ).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Remove Folder 1' }));
    fireEvent.change(screen.getByLabelText('Minimum routing confidence (0–1)'), { target: { value: '1.5' } });
    await save();
    expect(screen.getByRole('status').textContent).toMatch(/confidence from 0 to 1/);
    expect(screen.getByLabelText('Minimum routing confidence (0–1)').getAttribute('aria-invalid')).toBe('true');
    expect(patches()).toHaveLength(0);
  });

  it('shows its text in pt-BR and keeps each hint tied to its field', () => {
    setup(defaultSettings(), 'pt-BR');
    expect(screen.getByRole('heading', { name: 'Claude e agentes (MCP)' })).toBeTruthy();
    const confidence = screen.getByLabelText('Confiança mínima do roteamento (0–1)');
    expect(document.getElementById(confidence.getAttribute('aria-describedby')!)?.textContent).toMatch(
      /dúvida → Claude/,
    );
  });
});

describe('MCP settings draft → patch', () => {
  const draft = toMcpDraft(toPublicSettings(defaultSettings()));
  it('round-trips the defaults into a patch the contract accepts', () => {
    const r = mcpDraftToPatch(draft);
    expect('patch' in r && SettingsPatchSchema.safeParse(r.patch).success).toBe(true);
    expect('patch' in r && r.patch.mcp).toEqual({
      http: false,
      fileRoots: [],
      minConfidence: 0.55,
      maxConcurrent: 2,
      cloudPrice: { inputPerMTok: 3, outputPerMTok: 15 },
    });
  });

  it('names the wrong field', () => {
    for (const maxConcurrent of ['', '0', '2.5', '65', 'x'])
      expect(mcpDraftToPatch({ ...draft, maxConcurrent })).toEqual({ field: 'maxConcurrent' });
    for (const minConfidence of ['', '-0.1', '1.01', 'abc'])
      expect(mcpDraftToPatch({ ...draft, minConfidence })).toEqual({ field: 'minConfidence' });
    expect(mcpDraftToPatch({ ...draft, inputPerMTok: '-3' })).toEqual({ field: 'inputPerMTok' });
    expect(mcpDraftToPatch({ ...draft, outputPerMTok: 'Infinity' })).toEqual({ field: 'outputPerMTok' });
    expect(
      mcpDraftToPatch({
        ...draft,
        folders: [
          { key: 'a', path: '/x' },
          { key: 'b', path: ' ' },
        ],
      }),
    ).toEqual({ field: 'folder', index: 1 });
  });
});
