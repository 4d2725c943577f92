import { useEffect, useRef } from 'react';
import { isTypingTarget } from './use-queue-keyboard';

/** Single-key shortcuts for a page, ignored while the person types or holds a modifier. */
export function useShortcuts(keys: Record<string, () => void>): void {
  const latest = useRef(keys);
  useEffect(() => {
    latest.current = keys;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTypingTarget(e.target)) return;
      // Inside an open form a stray letter must never swap it for another and lose what was typed.
      if (e.target instanceof Element && e.target.closest('form')) return;
      const run = latest.current[e.key];
      if (!run) return;
      e.preventDefault();
      run();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
