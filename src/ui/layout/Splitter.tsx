// A draggable, keyboard-operable divider between two regions (WAI-ARIA window splitter).
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

export interface SplitterProps {
  /** 'vertical' divides left|right (drag sideways); 'horizontal' divides top/bottom */
  orientation: 'vertical' | 'horizontal';
  /** the first region's share of the container, 0..1 */
  value: number;
  min?: number;
  max?: number;
  label: string;
  onChange: (value: number) => void;
}

const STEP = 0.02;

export function Splitter({ orientation, value, min = 0.15, max = 0.85, label, onChange }: SplitterProps) {
  const ref = useRef<HTMLDivElement>(null);
  const clamp = (v: number) => Math.min(max, Math.max(min, v));

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    const el = ref.current;
    const box = el?.parentElement?.getBoundingClientRect();
    if (!el || !box) return;
    el.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent) => {
      const v = orientation === 'vertical' ? (ev.clientX - box.left) / box.width : (ev.clientY - box.top) / box.height;
      onChange(clamp(v));
    };
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const back = orientation === 'vertical' ? 'ArrowLeft' : 'ArrowUp';
    const fwd = orientation === 'vertical' ? 'ArrowRight' : 'ArrowDown';
    if (e.key === back) onChange(clamp(value - STEP));
    else if (e.key === fwd) onChange(clamp(value + STEP));
    else if (e.key === 'Home') onChange(min);
    else if (e.key === 'End') onChange(max);
    else return;
    e.preventDefault();
  };

  return (
    <div
      ref={ref}
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={orientation}
      aria-valuemin={Math.round(min * 100)}
      aria-valuemax={Math.round(max * 100)}
      aria-valuenow={Math.round(value * 100)}
      className={`splitter ${orientation === 'horizontal' ? 'horizontal' : ''}`}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
