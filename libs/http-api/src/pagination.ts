import { z } from 'zod';

/** `limit` (1–250, default 50) and an opaque `cursor`, as every list of the API takes them (SPEC §3). */
export const ListQuery = z.object({
  limit: z.coerce.number().int('must be an integer').min(1, 'must be at least 1').max(250, 'must be at most 250').default(50),
  cursor: z
    .string()
    .max(200)
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return undefined;
      const decoded = decodeCursor(value);
      if (decoded === null) {
        ctx.addIssue({ code: 'custom', message: 'is not a cursor returned by this API' });
        return z.NEVER;
      }
      return decoded;
    }),
});
export type ListQuery = z.infer<typeof ListQuery>;

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export function encodeCursor(lastId: string): string {
  return Buffer.from(`v1:${lastId}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('v1:')) return null;
  const id = text.slice(3);
  return /^[a-z]{3}_[0-9A-Z]{26}$/.test(id) || /^[a-zA-Z0-9_.]{1,255}$/.test(id) ? id : null;
}

/**
 * Turns `limit + 1` rows fetched in list order into a page: the extra row only says there is more,
 * and the cursor is the key of the last row returned.
 */
export function toPage<Row, Out>(rows: Row[], limit: number, keyOf: (row: Row) => string, present: (row: Row) => Out): Page<Out> {
  const visible = rows.slice(0, limit);
  const last = visible[visible.length - 1];
  return {
    data: visible.map(present),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}
