import { useEffect } from 'react';

/** True while the person is typing, when single-letter shortcuts must stay out of the way. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

interface QueueKeys {
  count: number;
  selected: number;
  setSelected: (index: number) => void;
  open: (index: number) => void;
  focusSearch: () => void;
}

/** j/k move the selection, Enter opens it, / jumps to search. */
export function useQueueKeyboard({ count, selected, setSelected, open, focusSearch }: QueueKeys): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTypingTarget(e.target)) return;
      if (e.key === '/') {
        e.preventDefault();
        focusSearch();
      } else if (e.key === 'j' && count > 0) {
        e.preventDefault();
        setSelected(Math.min(count - 1, selected + 1));
      } else if (e.key === 'k' && count > 0) {
        e.preventDefault();
        setSelected(Math.max(0, selected - 1));
      } else if (e.key === 'Enter' && selected >= 0 && selected < count) {
        // A focused link or button handles its own Enter.
        if (e.target instanceof HTMLElement && e.target.closest('a, button')) return;
        e.preventDefault();
        open(selected);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [count, selected, setSelected, open, focusSearch]);
}
