/** Notifications stay referenced until clicked, closed or failed (a collected one can lose its click handler). */
import { describe, expect, it } from 'vitest';
import { retainNotifications } from '../../electron/main/notification-retention';
import { FakeNotification } from '../support/electron-fakes';

describe('notification retention', () => {
  it('holds each notification until it is clicked, closed or fails, and still runs its own click handler', () => {
    const kept = retainNotifications((options: { title: string }) => new FakeNotification(options));
    const [a, b, c] = ['a', 'b', 'c'].map((title) => kept.create({ title }));
    let clicks = 0;
    a!.on('click', () => clicks++);
    expect(kept.held.size).toBe(3);
    a!.click();
    expect(clicks).toBe(1);
    b!.close();
    expect([...kept.held]).toEqual([c]);
    c!.fail();
    expect(kept.held.size).toBe(0);
  });

  it('lets the oldest go past the cap (Windows does not always say when a toast is gone)', () => {
    const kept = retainNotifications((options: { title: string }) => new FakeNotification(options), 2);
    const made = ['1', '2', '3'].map((title) => kept.create({ title }));
    expect([...kept.held]).toEqual([made[1], made[2]]);
  });
});
