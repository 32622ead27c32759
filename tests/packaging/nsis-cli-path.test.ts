/**
 * The NSIS include that puts the `loadout` command on a Windows user's PATH. Windows cannot run here,
 * so this checks what can be checked on Linux: the script compiles the way electron-builder compiles it
 * (makensis -WX, installer and uninstaller passes; `apt-get install nsis` to run that part), and it
 * edits the per-user PATH, tells running programs, and leaves PATH alone on an update.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const nsisDir = path.join(root, 'resources', 'nsis');
const cliPath = fs.readFileSync(path.join(nsisDir, 'cli-path.nsh'), 'utf8');
const installer = fs.readFileSync(path.join(nsisDir, 'installer.nsh'), 'utf8');
const hasMakensis = spawnSync('makensis', ['-VERSION'], { stdio: 'ignore' }).status === 0;

/** A minimal script standing in for electron-builder's: ${isUpdated} (from its NSIS resources) is never true here. */
function wrapper(uninstaller: boolean, out: string): string {
  return [
    'Unicode true',
    'Name "Loadout"',
    `OutFile "${out}"`,
    'RequestExecutionLevel user',
    'InstallDir "$LOCALAPPDATA\\Programs\\Loadout"',
    '!macro _isUpdated _a _b _t _f',
    '  StrCmp "" "x" `${_t}` `${_f}`',
    '!macroend',
    '!define isUpdated `"" isUpdated ""`',
    uninstaller ? '!define BUILD_UNINSTALLER' : '',
    `!include "${path.join(nsisDir, 'installer.nsh')}"`,
    ...(uninstaller
      ? [
          'Section',
          '  WriteUninstaller "$INSTDIR\\uninstall.exe"',
          'SectionEnd',
          'Section "Uninstall"',
          '  !insertmacro customUnInstall',
          'SectionEnd',
        ]
      : ['Section', '  !insertmacro customInstall', 'SectionEnd']),
  ].join('\n');
}

describe('resources/nsis: the loadout folder on PATH', () => {
  it.skipIf(!hasMakensis)(
    'compiles with warnings as errors, as the installer and as the uninstaller (needs makensis)',
    () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-nsis-'));
      try {
        for (const uninstaller of [false, true]) {
          const script = path.join(dir, uninstaller ? 'uninstall.nsi' : 'install.nsi');
          fs.writeFileSync(script, wrapper(uninstaller, path.join(dir, uninstaller ? 'u.exe' : 'i.exe')));
          const run = spawnSync('makensis', ['-WX', '-V2', script], { encoding: 'utf8' });
          expect(run.stdout + run.stderr, script).not.toMatch(/error|warning/i);
          expect(run.status).toBe(0);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('writes the per-user PATH as REG_EXPAND_SZ and broadcasts WM_SETTINGCHANGE so new terminals see it', () => {
    expect(cliPath).toMatch(/ReadRegStr \$R0 HKCU "Environment" "Path"/);
    expect(cliPath).toMatch(/WriteRegExpandStr HKCU "Environment" "Path" \$R0/);
    expect(cliPath).not.toMatch(/HKLM/);
    expect(cliPath).toMatch(/SendMessage \$\{HWND_BROADCAST\} \$\{WM_SETTINGCHANGE\} 0 "STR:Environment"/);
  });

  it('adds the folder once, and refuses to write back a PATH that NSIS may have cut short', () => {
    const add = cliPath.slice(cliPath.indexOf('Function loadoutAddCliToPath'));
    // The existing entry is dropped first, so a reinstall does not append it twice.
    expect(add.indexOf('Call loadoutPathWithout')).toBeLessThan(add.indexOf('StrCpy $R0 "$R0;$R1"'));
    expect(add.indexOf('${NSIS_MAX_STRLEN}')).toBeLessThan(add.indexOf('WriteRegExpandStr'));
    const remove = cliPath.slice(cliPath.indexOf('Function un.loadoutRemoveCliFromPath'));
    expect(remove.indexOf('${NSIS_MAX_STRLEN}')).toBeLessThan(remove.indexOf('WriteRegExpandStr'));
  });

  it('tells the user, in English and pt-BR, which folder to add when PATH is too long', () => {
    expect(cliPath).toMatch(/\$LANGUAGE == 1046/);
    expect(cliPath).toMatch(
      /MessageBox MB_OK\|MB_ICONEXCLAMATION "Loadout is installed, but the loadout command was not added to PATH[^"]*\$\{LOADOUT_CLI_DIR\}" \/SD IDOK/,
    );
    expect(cliPath).toMatch(
      /MessageBox MB_OK\|MB_ICONEXCLAMATION "O Loadout foi instalado, mas não pôs o comando loadout no PATH[^"]*\$\{LOADOUT_CLI_DIR\}" \/SD IDOK/,
    );
  });

  it('hooks install and uninstall, and keeps PATH when the uninstall is part of an update', () => {
    expect(installer).toMatch(/!macro customInstall\s+Call loadoutAddCliToPath\s+!macroend/);
    const uninstall = installer.slice(installer.indexOf('!macro customUnInstall'));
    const call = uninstall.indexOf('Call un.loadoutRemoveCliFromPath');
    expect(uninstall.indexOf('${ifNot} ${isUpdated}')).toBeGreaterThan(-1);
    expect(uninstall.indexOf('${ifNot} ${isUpdated}')).toBeLessThan(call);
    expect(call).toBeLessThan(uninstall.indexOf('${endIf}'));
  });
});
