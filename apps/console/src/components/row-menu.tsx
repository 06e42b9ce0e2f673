import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export interface RowMenuItem {
  label: string;
  onSelect: () => void;
  danger?: boolean;
}

/** The three-dot menu of a table row; closes on Escape, on a click elsewhere, or once an item is picked. */
export function RowMenu(props: { label: string; items: readonly RowMenuItem[]; icon?: ComponentChildren }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return undefined;
    const onPointer = (event: MouseEvent) => {
      if (root.current !== null && !root.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div class="menu" ref={root}>
      <button type="button" class="button button-small" aria-haspopup="menu" aria-expanded={open} aria-label={props.label} onClick={() => setOpen(!open)}>
        {props.icon ?? '⋯'}
      </button>
      {open && (
        <ul class="menu-list" role="menu">
          {props.items.map((item) => (
            <li key={item.label} role="none">
              <button
                type="button"
                role="menuitem"
                class={item.danger === true ? 'danger' : undefined}
                onClick={() => {
                  setOpen(false);
                  item.onSelect();
                }}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
