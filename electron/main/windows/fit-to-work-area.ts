/**
 * Keep windows inside their display's work area (the screen less the taskbar). The 1180×820 monitor
 * is taller than a 1080p display at 150 % scaling (1280×680 or so once the taskbar is out), where
 * Windows would otherwise open it with its bottom edge and status row under the taskbar.
 */
import type { Rectangle } from 'electron';

export interface Size {
  width: number;
  height: number;
}

/** A window of `size` centred on the work area, shrunk to fit it. */
export function centreInWorkArea(size: Size, workArea: Rectangle): Rectangle {
  const width = Math.min(size.width, workArea.width);
  const height = Math.min(size.height, workArea.height);
  return {
    x: Math.round(workArea.x + (workArea.width - width) / 2),
    y: Math.round(workArea.y + (workArea.height - height) / 2),
    width,
    height,
  };
}

/** The bounds shrunk to the work area and moved inside it (unchanged when they already fit). */
export function clampToWorkArea(bounds: Rectangle, workArea: Rectangle): Rectangle {
  const width = Math.min(bounds.width, workArea.width);
  const height = Math.min(bounds.height, workArea.height);
  const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
  return {
    x: clamp(bounds.x, workArea.x, workArea.x + workArea.width - width),
    y: clamp(bounds.y, workArea.y, workArea.y + workArea.height - height),
    width,
    height,
  };
}

/** A minimum size no larger than the work area, so the clamp above is not undone by minWidth/minHeight. */
export function minSizeWithin(min: Size, workArea: Rectangle): Size {
  return { width: Math.min(min.width, workArea.width), height: Math.min(min.height, workArea.height) };
}
