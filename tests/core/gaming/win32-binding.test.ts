/**
 * The Win32 binding cannot load kernel32 here, but its declarations can be checked with the real koffi:
 * the PROCESSENTRY32W layout against the size and offsets of tlhelp32.h on 64-bit Windows, and every
 * prototype parsed (a typo in one would only show on a user's machine).
 */
import * as koffi from 'koffi';
import { describe, expect, it } from 'vitest';
import { defineProcessEntry, WIN32_PROTOTYPES } from '../../../electron/core/gaming/win32-binding';

describe.runIf(process.arch === 'x64' || process.arch === 'arm64')('the Win32 binding declarations', () => {
  it('lay PROCESSENTRY32W out as Windows does on 64-bit (568 bytes, the name at 44)', () => {
    const entry = defineProcessEntry(koffi);
    expect(koffi.sizeof(entry)).toBe(568);
    expect(koffi.offsetof(entry, 'th32ProcessID')).toBe(8);
    expect(koffi.offsetof(entry, 'th32DefaultHeapID')).toBe(16);
    expect(koffi.offsetof(entry, 'szExeFile')).toBe(44);
    expect(defineProcessEntry(koffi)).toBe(entry);
  });

  it('parse every prototype', () => {
    defineProcessEntry(koffi);
    for (const [name, prototype] of Object.entries(WIN32_PROTOTYPES)) {
      expect(() => koffi.proto(prototype), name).not.toThrow();
    }
  });
});
