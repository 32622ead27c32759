/** Keyboard and focus for a small popup listbox: arrows, Home/End, Enter/Space pick, Esc/Tab close. */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

export interface Listbox {
  active: number;
  setActive(index: number): void;
  /** Ref callback for the option at `index`. */
  itemRef(index: number): (el: HTMLLIElement | null) => void;
  onKeyDown(e: KeyboardEvent<HTMLElement>): void;
}

/** Roving focus over `count` options, starting on `initial`. */
export function useListbox(
  count: number,
  initial: number,
  onPick: (index: number) => void,
  onClose: () => void,
): Listbox {
  const [active, setActive] = useState(initial);
  const items = useRef<Array<HTMLLIElement | null>>([]);
  useEffect(() => {
    items.current[Math.min(active, count - 1)]?.focus();
  }, [active, count]);
  return {
    active,
    setActive,
    itemRef: (index) => (el) => {
      items.current[index] = el;
    },
    onKeyDown(e) {
      const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, Home: 0, End: count - 1 };
      if (e.key in moves) {
        e.preventDefault();
        setActive(Math.max(0, Math.min(count - 1, moves[e.key]!)));
        return;
      }
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        if (count > 0) onPick(active);
        return;
      }
      // Esc closes the popup only (the window's Esc would hide the quick chat).
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        onClose();
        return;
      }
      if (e.key === 'Tab') onClose();
    },
  };
}
