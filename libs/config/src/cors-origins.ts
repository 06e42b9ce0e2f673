import { z } from 'zod';

/**
 * Why `entry` is not an origin as a browser writes it in its `Origin` header (`scheme://host[:port]`,
 * lower case, no default port, no path); null when it is. Origins are compared as exact strings, so
 * only the browser's own spelling can ever match.
 */
export function originProblem(entry: string): string | null {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return `${entry} is not a URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${entry} is not http or https`;
  if (url.username !== '' || url.password !== '') return `${entry} has credentials`;
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') return `${entry} has a path, query or fragment (write ${url.origin})`;
  if (url.origin !== entry) return `${entry} is not written as browsers send it (write ${url.origin})`;
  return null;
}

/**
 * `HOOKLINE_CORS_ORIGINS`: comma-separated origins (`http://127.0.0.1:8080,https://console.example.com`)
 * that browsers may call the API from. Unset or empty (the default) means no CORS at all.
 */
export const corsOrigins = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const origins = (value ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
    const problems = origins.map(originProblem).filter((problem): problem is string => problem !== null);
    if (problems.length > 0) {
      ctx.addIssue({ code: 'custom', message: `must be comma-separated origins such as https://console.example.com (scheme, host, optional port); ${problems.join('; ')}` });
      return z.NEVER;
    }
    return [...new Set(origins)];
  });
