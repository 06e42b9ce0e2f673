import type { Page } from '@hookline/sdk/client';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export type PagedList<T> =
  | { state: 'loading'; reload: () => void }
  | { state: 'failed'; error: unknown; reload: () => void }
  | {
      state: 'ready';
      items: readonly T[];
      hasMore: boolean;
      loadingMore: boolean;
      moreError: unknown;
      loadMore: () => void;
      reload: () => void;
      /** Changes the loaded items in place, after an edit that the API answered with the new value. */
      update: (change: (items: readonly T[]) => readonly T[]) => void;
    };

interface Loaded<T> {
  key: string;
  outcome: { ok: true; items: readonly T[]; nextCursor: string | null } | { ok: false; error: unknown };
  loadingMore: boolean;
  moreError: unknown;
}

/**
 * A cursor-paged list, first page per change of `key`, further pages appended with "Load more".
 * Pages that arrive after a newer first-page request started are dropped.
 */
export function usePagedList<T>(key: string, loadPage: (cursor: string | undefined) => Promise<Page<T>>): PagedList<T> {
  const [loaded, setLoaded] = useState<Loaded<T> | null>(null);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(loadPage);
  loadRef.current = loadPage;

  useEffect(() => {
    const request = ++latest.current;
    loadRef.current(undefined).then(
      (page) =>
        request === latest.current &&
        setLoaded({ key, outcome: { ok: true, items: page.data, nextCursor: page.nextCursor }, loadingMore: false, moreError: null }),
      (error: unknown) => request === latest.current && setLoaded({ key, outcome: { ok: false, error }, loadingMore: false, moreError: null }),
    );
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  if (loaded === null || loaded.key !== key) return { state: 'loading', reload };
  const outcome = loaded.outcome;
  if (!outcome.ok) return { state: 'failed', error: outcome.error, reload };

  const loadMore = () => {
    if (outcome.nextCursor === null || loaded.loadingMore) return;
    const request = latest.current;
    setLoaded({ ...loaded, loadingMore: true, moreError: null });
    loadRef.current(outcome.nextCursor).then(
      (page) =>
        request === latest.current &&
        setLoaded((current) =>
          current === null || !current.outcome.ok
            ? current
            : { ...current, outcome: { ok: true, items: [...current.outcome.items, ...page.data], nextCursor: page.nextCursor }, loadingMore: false },
        ),
      (error: unknown) => request === latest.current && setLoaded((current) => current && { ...current, loadingMore: false, moreError: error }),
    );
  };
  const update = (change: (items: readonly T[]) => readonly T[]) =>
    setLoaded((current) => (current === null || !current.outcome.ok ? current : { ...current, outcome: { ...current.outcome, items: change(current.outcome.items) } }));

  return {
    state: 'ready',
    items: outcome.items,
    hasMore: outcome.nextCursor !== null,
    loadingMore: loaded.loadingMore,
    moreError: loaded.moreError,
    loadMore,
    reload,
    update,
  };
}
