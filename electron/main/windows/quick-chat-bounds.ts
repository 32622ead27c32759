/** Where the quick chat appears: centred horizontally on the display under the cursor, in its upper third. */
import type { Rectangle } from 'electron';

export const QUICK_CHAT_SIZE = { width: 640, height: 420 } as const;

/** The quick chat's bounds on a display's work area (never larger than it). */
export function quickChatBounds(
  workArea: Rectangle,
  size: { width: number; height: number } = QUICK_CHAT_SIZE,
): Rectangle {
  const width = Math.min(size.width, workArea.width);
  const height = Math.min(size.height, workArea.height);
  return {
    x: Math.round(workArea.x + (workArea.width - width) / 2),
    y: Math.round(workArea.y + Math.max(0, (workArea.height - height) / 4)),
    width,
    height,
  };
}
