import type { ListParams, Page } from './api.types';

/**
 * Walks every page of a list, one request at a time, starting at `params.cursor` (or the first page),
 * and yields the items in the API's order. Stop early with `break`; no further page is fetched.
 */
export async function* paginate<T, P extends ListParams>(
  fetchPage: (params: P) => Promise<Page<T>>,
  params: P,
): AsyncGenerator<T, void, undefined> {
  let cursor = params.cursor;
  do {
    const page = await fetchPage({ ...params, cursor });
    yield* page.data;
    // A cursor that does not move would loop for ever; the API never answers so, but a proxy's cache might.
    if (page.nextCursor === cursor) return;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}
