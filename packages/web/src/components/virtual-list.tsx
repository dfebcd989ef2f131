/**
 * A virtualised list: only the rows in (and just around) the viewport are in the DOM, so 10,000
 * patients scroll as smoothly as 30. Keyboard: ↑/↓/PageUp/PageDown/Home/End move, Enter opens.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { computeWindow, scrollToReveal } from '../lib/virtual-window';

export interface VirtualListProps<T> {
  items: T[];
  rowHeight: number;
  height: number | string;
  label: string;
  getKey: (item: T) => string;
  renderRow: (item: T, index: number, active: boolean) => ReactNode;
  onActivate?: (item: T) => void;
}

export function VirtualList<T>({ items, rowHeight, height, label, getKey, renderRow, onActivate }: VirtualListProps<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const [active, setActive] = useState(0);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setViewport(el.clientHeight || 600);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    if (active >= items.length) setActive(Math.max(0, items.length - 1));
  }, [items.length, active]);

  const win = computeWindow({ scrollTop, viewportHeight: viewport, rowHeight, count: items.length });

  const move = (to: number) => {
    const idx = Math.max(0, Math.min(items.length - 1, to));
    setActive(idx);
    const el = ref.current;
    if (!el) return;
    const next = scrollToReveal(idx, el.scrollTop, el.clientHeight, rowHeight);
    if (next !== undefined) el.scrollTop = next;
  };

  const onKey = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(viewport / rowHeight) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + page),
      PageUp: () => move(active - page),
      Home: () => move(0),
      End: () => move(items.length - 1),
      Enter: () => {
        const item = items[active];
        if (item && onActivate) onActivate(item);
      },
    };
    const fn = keys[e.key];
    if (fn) {
      e.preventDefault();
      fn();
    }
  };

  const activeItem = items[active];
  return (
    <div
      ref={ref}
      className="vlist"
      style={{ height, overflowY: 'auto', position: 'relative' }}
      tabIndex={0}
      role="listbox"
      aria-label={label}
      aria-activedescendant={activeItem ? `row-${getKey(activeItem)}` : undefined}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKey}
    >
      <div style={{ height: win.totalHeight, position: 'relative' }}>
        <div style={{ position: 'absolute', top: win.offsetTop, left: 0, right: 0 }}>
          {items.slice(win.start, win.end).map((item, i) => {
            const index = win.start + i;
            return (
              <div
                key={getKey(item)}
                id={`row-${getKey(item)}`}
                role="option"
                aria-selected={index === active}
                aria-posinset={index + 1}
                aria-setsize={items.length}
                className={index === active ? 'vrow active' : 'vrow'}
                style={{ height: rowHeight }}
                onClick={() => {
                  setActive(index);
                  onActivate?.(item);
                }}
              >
                {renderRow(item, index, index === active)}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
