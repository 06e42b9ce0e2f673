import type { ComponentChildren } from 'preact';

/** URLs, ids, code and header names read left to right inside right-to-left text. */
export function Ltr(props: { children: ComponentChildren; title?: string; class?: string }) {
  return (
    <bdi dir="ltr" class={`ltr ${props.class ?? ''}`.trim()} title={props.title}>
      {props.children}
    </bdi>
  );
}

/** `https://hooks.example.com/very/long/path` → `hooks.example.com/…/path`, for tables. */
export function shortUrl(url: string, maxLength = 48): string {
  let display = url;
  try {
    const parsed = new URL(url);
    display = `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    display = url;
  }
  if (display.length <= maxLength) return display;
  const head = Math.ceil((maxLength - 1) * 0.6);
  const tail = maxLength - 1 - head;
  return `${display.slice(0, head)}…${display.slice(display.length - tail)}`;
}
