import { describe, expect, it } from 'vitest';
import {
  isSmiMissing,
  parseSmiNumber,
  parseSmiText,
  parseSmiTimestamp,
  readSmiRow,
  splitSmiLine,
} from '../../../shared/hardware/smi-csv';
import { readCapture } from '../../support/fixture-files';

const [unitsHeader, unitsRow, plainRow] = readCapture('query.csv').trim().split('\n') as [string, string, string];

describe('nvidia-smi CSV tokens (real H200 query.csv)', () => {
  it('reads every bracketed marker the driver printed as null', () => {
    const tokens = splitSmiLine(plainRow);
    expect(tokens).toHaveLength(30);
    const fan = tokens[unitsHeader.split(', ').indexOf('fan.speed [%]')];
    const display = tokens[unitsHeader.split(', ').indexOf('display_mode')];
    expect(fan).toBe('[N/A]');
    expect(display).toBe('[Requested functionality has been deprecated]');
    expect(parseSmiNumber(fan)).toBeNull();
    expect(parseSmiText(display)).toBeNull();
    for (const marker of ['[Not Supported]', '[Unknown Error]', 'N/A', '', '  '])
      expect(isSmiMissing(marker)).toBe(true);
  });

  it('parses numbers with or without units, and decimal commas', () => {
    const withUnits = splitSmiLine(unitsRow);
    expect(parseSmiNumber(withUnits[16])).toBe(78.04); // "78.04 W"
    expect(parseSmiNumber(withUnits[12])).toBe(143771); // "143771 MiB"
    expect(parseSmiNumber(withUnits[10])).toBe(0); // "0 %": zero is a value, not missing
    expect(parseSmiNumber('124,53')).toBe(124.53);
    expect(parseSmiNumber('P0')).toBeNull();
    expect(parseSmiNumber('12.5.3')).toBeNull();
    expect(parseSmiNumber(undefined)).toBeNull();
  });

  it('turns the local wall-clock timestamp into ISO, and rejects anything else', () => {
    const iso = parseSmiTimestamp('2026/11/26 02:56:15.397');
    expect(iso).not.toBeNull();
    const d = new Date(iso!);
    expect([
      d.getFullYear(),
      d.getMonth(),
      d.getDate(),
      d.getHours(),
      d.getMinutes(),
      d.getSeconds(),
      d.getMilliseconds(),
    ]).toEqual([2026, 10, 26, 2, 56, 15, 397]);
    expect(parseSmiTimestamp('2026/11/26 02:56:15')).not.toBeNull();
    for (const bad of ['2026/13/26 02:56:15.397', '2026-11-26 02:56:15.397', 'Xid 79', '', '2026/11/26 02:56:'])
      expect(parseSmiTimestamp(bad)).toBeNull();
  });

  it('rejects rows whose column count does not match', () => {
    expect(readSmiRow('0, 1', ['a', 'b'])).toEqual({ a: '0', b: '1' });
    expect(readSmiRow('0, 1, 2', ['a', 'b'])).toBeNull();
    expect(readSmiRow('', ['a'])).toBeNull();
  });
});
