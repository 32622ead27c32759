import { describe, expect, it } from 'vitest';
import { decodeNvmlText } from '../../../../electron/core/hardware/nvml/nvml-text';

describe('decodeNvmlText', () => {
  it('reads UTF-8 up to the NUL', () => {
    expect(decodeNvmlText(Buffer.from('/home/joão/llama-server\0garbage', 'utf8'))).toBe('/home/joão/llama-server');
  });

  it('reads a Windows ANSI (Windows-1252) process name instead of printing replacement characters', () => {
    // "C:\Users\João\LM Studio.exe" as NVML writes it on a pt-BR Windows: "ã" is the single byte 0xE3.
    const bytes = Buffer.concat([
      Buffer.from('C:\\Users\\Jo', 'latin1'),
      Buffer.from([0xe3]),
      Buffer.from('o\\LM Studio.exe\0', 'latin1'),
    ]);
    expect(decodeNvmlText(bytes)).toBe('C:\\Users\\João\\LM Studio.exe');
  });

  it('is null for an empty or blank name', () => {
    expect(decodeNvmlText(Buffer.alloc(16))).toBeNull();
    expect(decodeNvmlText(Buffer.from('  \0', 'utf8'))).toBeNull();
  });
});
