/** Every screen of the console, addressed by the part of the URL after `#`. */
export type Route =
  | { name: 'webhooks' }
  | { name: 'webhook-new' }
  | { name: 'webhook'; id: string; query: URLSearchParams }
  | { name: 'webhook-edit'; id: string }
  | { name: 'event-types' }
  | { name: 'events'; query: URLSearchParams }
  | { name: 'event'; id: string }
  | { name: 'not-found'; path: string };

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** `#/webhooks/sub_1?status=dead` → the webhook screen with its filters; anything unknown → not-found. */
export function parseRoute(hash: string): Route {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const [pathPart = '', queryPart = ''] = raw.split('?', 2);
  const query = new URLSearchParams(queryPart);
  const segments = pathPart.split('/').filter((segment) => segment !== '').map(safeDecode);
  const [first, second, third] = segments;
  if (segments.length === 0) return { name: 'webhooks' };
  if (first === 'webhooks') {
    if (segments.length === 1) return { name: 'webhooks' };
    if (second === 'new' && segments.length === 2) return { name: 'webhook-new' };
    if (second !== undefined && idPattern.test(second)) {
      if (segments.length === 2) return { name: 'webhook', id: second, query };
      if (third === 'edit' && segments.length === 3) return { name: 'webhook-edit', id: second };
    }
  }
  if (first === 'event-types' && segments.length === 1) return { name: 'event-types' };
  if (first === 'events') {
    if (segments.length === 1) return { name: 'events', query };
    if (second !== undefined && idPattern.test(second) && segments.length === 2) return { name: 'event', id: second };
  }
  return { name: 'not-found', path: pathPart };
}

/** The `#…` link to a screen; `query` entries left empty are dropped. */
export function routeHref(route: Route): string {
  switch (route.name) {
    case 'webhooks':
      return '#/webhooks';
    case 'webhook-new':
      return '#/webhooks/new';
    case 'webhook':
      return `#/webhooks/${encodeURIComponent(route.id)}${queryString(route.query)}`;
    case 'webhook-edit':
      return `#/webhooks/${encodeURIComponent(route.id)}/edit`;
    case 'event-types':
      return '#/event-types';
    case 'events':
      return `#/events${queryString(route.query)}`;
    case 'event':
      return `#/events/${encodeURIComponent(route.id)}`;
    case 'not-found':
      return `#${route.path}`;
  }
}

function queryString(query: URLSearchParams): string {
  const kept = new URLSearchParams([...query].filter(([, value]) => value !== ''));
  const text = kept.toString();
  return text === '' ? '' : `?${text}`;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
