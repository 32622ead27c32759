import { describe, expect, it } from 'vitest';
import { decodeTextFile } from '../../../shared/text/decode-text-file';

const json = '{ "id": "dev", "name": "Dev: código 33B ✓" }\n';
const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);

describe('decodeTextFile', () => {
  it('reads plain UTF-8 and UTF-8 with a BOM (Notepad) to the same text', () => {
    expect(decodeTextFile(Buffer.from(json, 'utf8'))).toEqual({ ok: true, text: json, encoding: 'utf-8' });
    expect(decodeTextFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json, 'utf8')]))).toEqual({
      ok: true,
      text: json,
      encoding: 'utf-8',
    });
  });

  it('reads UTF-16LE with a BOM, as Windows PowerShell 5.1 redirects `>` output', () => {
    const bytes = utf16le(json);
    expect([...bytes.subarray(0, 6)]).toEqual([0xff, 0xfe, 0x7b, 0x00, 0x20, 0x00]);
    expect(decodeTextFile(bytes)).toEqual({ ok: true, text: json, encoding: 'utf-16le' });
  });

  it('reads UTF-16BE with a BOM', () => {
    const be = Buffer.from(json, 'utf16le').swap16();
    expect(decodeTextFile(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({
      ok: true,
      text: json,
      encoding: 'utf-16be',
    });
  });

  it('refuses bytes that are not text, saying what to do, instead of importing mojibake', () => {
    const latin1 = decodeTextFile(Buffer.from('{"name":"c\xf3digo"}', 'latin1'));
    expect(latin1).toEqual({
      ok: false,
      problem: 'not-text',
      reason: expect.stringContaining('not valid UTF-8 text. Save it as UTF-8'),
    });
    const cut = decodeTextFile(utf16le(json).subarray(0, 9));
    expect(cut).toEqual({ ok: false, problem: 'cut-short', reason: expect.stringContaining('odd number of bytes') });
  });
});
