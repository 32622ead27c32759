import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  announceRunning,
  readRunningAnnounce,
  runningFilePath,
  type RunningAnnounce,
} from '../../../electron/core/attach/running-announce';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-announce-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const info = (pid: number, token = 't'.repeat(32)): RunningAnnounce => ({
  pid,
  face: 'serve',
  port: 1235,
  token,
  version: '0.1.0',
  startedAt: '2026-01-01T00:00:00.000Z',
});

describe('the running-app announce file', () => {
  it('is written for the user only, read back, and removed by its own process', () => {
    const dir = tempDir();
    const announcement = announceRunning(dir, info(process.pid));
    expect(announcement.announced).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(runningFilePath(dir)).mode & 0o777).toBe(0o600);
    expect(readRunningAnnounce(dir)).toEqual({ kind: 'running', announce: info(process.pid) });
    announcement.remove();
    expect(readRunningAnnounce(dir)).toEqual({ kind: 'none' });
  });

  it('calls a dead pid, bad JSON or another shape stale, and a new process replaces such a file', () => {
    const dir = tempDir();
    fs.writeFileSync(runningFilePath(dir), JSON.stringify(info(4242)));
    expect(readRunningAnnounce(dir, { isAlive: () => false })).toMatchObject({
      kind: 'stale',
      reason: 'process 4242 is gone',
    });
    expect(announceRunning(dir, info(process.pid), { isAlive: (pid) => pid === process.pid }).announced).toBe(true);
    expect(readRunningAnnounce(dir)).toMatchObject({ kind: 'running', announce: { pid: process.pid } });
    fs.writeFileSync(runningFilePath(dir), '{"pid": 1');
    expect(readRunningAnnounce(dir)).toMatchObject({ kind: 'stale', reason: expect.stringContaining('not JSON') });
    fs.writeFileSync(runningFilePath(dir), '{"pid": 1}');
    expect(readRunningAnnounce(dir)).toMatchObject({
      kind: 'stale',
      reason: expect.stringContaining('does not describe'),
    });
  });

  it('leaves a live process its file, and a replaced file to the process that replaced it', () => {
    const dir = tempDir();
    const first = announceRunning(dir, info(1111, 'a'.repeat(32)), { isAlive: () => true });
    expect(announceRunning(dir, info(2222, 'b'.repeat(32)), { isAlive: () => true }).announced).toBe(false);
    // 1111 was presumed dead, and 2222 took over the file: 1111's exit must not remove 2222's file.
    expect(announceRunning(dir, info(2222, 'b'.repeat(32)), { isAlive: (pid) => pid === 2222 }).announced).toBe(true);
    first.remove();
    expect(readRunningAnnounce(dir, { isAlive: () => true })).toMatchObject({
      kind: 'running',
      announce: { pid: 2222 },
    });
  });

  it('builds a Windows path on win32 and sets no POSIX mode there (the data folder is per-user)', () => {
    expect(runningFilePath('C:\\Users\\ana\\AppData\\Roaming\\Loadout', 'win32')).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\Loadout\\running.json',
    );
    const writes: { file: string; options: unknown }[] = [];
    const fake = {
      readFileSync: () => {
        throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      },
      writeFileSync: (file: string, _text: string, options: unknown) => void writes.push({ file, options }),
      renameSync: () => undefined,
      rmSync: () => undefined,
      mkdirSync: () => undefined,
    } as never;
    announceRunning('C:\\Loadout', info(7), { platform: 'win32', fs: fake });
    expect(writes).toEqual([{ file: 'C:\\Loadout\\running.json.7.tmp', options: { encoding: 'utf8' } }]);
    writes.length = 0;
    announceRunning('/home/ana/.config/Loadout', info(7), { platform: 'linux', fs: fake });
    expect(writes).toEqual([
      { file: '/home/ana/.config/Loadout/running.json.7.tmp', options: { encoding: 'utf8', mode: 0o600 } },
    ]);
  });
});
