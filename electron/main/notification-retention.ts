/**
 * Holds each shown notification until it is clicked, closed or fails. Electron's Notification is a
 * JavaScript object: once nothing references it, the garbage collector may take it with its 'click'
 * handler, and a later click on the toast (or in the Windows notification centre) does nothing. On
 * Windows that click is the only way from the idle alert to "Unload", so every notification the
 * shell creates goes through here.
 */

/** The slice of a notification this needs (Electron's Notification, the shell's fakes). */
export interface RetainableNotification {
  on(event: 'click' | 'close' | 'failed' | 'action', listener: (...args: unknown[]) => void): unknown;
}

/**
 * The most notifications held at once. Windows does not always emit 'close' when a toast leaves the
 * notification centre, so without a cap a long session would keep every one; the oldest go first.
 */
export const MAX_HELD_NOTIFICATIONS = 50;

/** Wrap a notification factory so each notification it makes stays referenced until it is done with. */
export function retainNotifications<O, N extends RetainableNotification>(
  create: (options: O) => N,
  max = MAX_HELD_NOTIFICATIONS,
) {
  const held = new Set<N>();
  return {
    held: held as ReadonlySet<N>,
    create(options: O): N {
      const notification = create(options);
      held.add(notification);
      // A Set iterates in insertion order: the first entry is the oldest.
      if (held.size > max) held.delete(held.values().next().value as N);
      const release = () => void held.delete(notification);
      for (const event of ['click', 'close', 'failed', 'action'] as const) notification.on(event, release);
      return notification;
    },
  };
}
