import { describe, expect, it, vi } from 'vitest';
import { createEmitter } from '../../../shared/events/typed-emitter';

type Events = { progress: number; done: string };

describe('createEmitter', () => {
  it('delivers each event only to its own listeners, in subscription order', () => {
    const emitter = createEmitter<Events>();
    const seen: string[] = [];
    emitter.on('progress', (n) => seen.push(`a${n}`));
    emitter.on('progress', (n) => seen.push(`b${n}`));
    emitter.on('done', (s) => seen.push(`done:${s}`));
    emitter.emit('progress', 1);
    emitter.emit('done', 'ok');
    expect(seen).toEqual(['a1', 'b1', 'done:ok']);
  });

  it('isolates a listener that throws: the others run and the error is reported with the event name', () => {
    const report = vi.fn();
    const emitter = createEmitter<Events>(report);
    const after = vi.fn();
    const boom = new Error('boom');
    emitter.on('progress', () => {
      throw boom;
    });
    emitter.on('progress', after);
    expect(() => emitter.emit('progress', 7)).not.toThrow();
    expect(after).toHaveBeenCalledWith(7);
    expect(report).toHaveBeenCalledWith(boom, 'progress');
  });

  it('unsubscribes, also from inside a listener, without skipping the next one', () => {
    const emitter = createEmitter<Events>();
    const second = vi.fn();
    const off = emitter.on('progress', () => off());
    emitter.on('progress', second);
    emitter.emit('progress', 1);
    emitter.emit('progress', 2);
    expect(second).toHaveBeenCalledTimes(2);
    expect(emitter.listenerCount('progress')).toBe(1);
    off();
    expect(emitter.listenerCount('progress')).toBe(1);
  });

  it('clear drops every listener', () => {
    const emitter = createEmitter<Events>();
    const listener = vi.fn();
    emitter.on('done', listener);
    emitter.clear();
    emitter.emit('done', 'x');
    expect(listener).not.toHaveBeenCalled();
    expect(emitter.listenerCount('done')).toBe(0);
  });

  it('reports to the console when no reporter is given', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const emitter = createEmitter<Events>();
    emitter.on('done', () => {
      throw new Error('x');
    });
    emitter.emit('done', 'y');
    expect(spy).toHaveBeenCalledWith('A listener of "done" failed:', expect.any(Error));
    spy.mockRestore();
  });
});
