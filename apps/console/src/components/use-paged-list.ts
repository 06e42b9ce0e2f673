import type { Page } from '@hookline/sdk/client';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { appendUnseen } from './paged-items';

interface Reloadable {
  /** Starts over from the first page, showing "loading" meanwhile. */
  reload: () => void;
  /** Fetches the first page again; once items are shown they stay until it arrives. */
  refresh: () => void;
}

export type PagedList<T> =
  | ({ state: 'loading' } & Reloadable)
  | ({ state: 'failed'; error: unknown } & Reloadable)
  | ({
      state: 'ready';
      items: readonly T[];
      hasMore: boolean;
      /** A refresh or a next page on its way; the items shown stay until it arrives. */
      busy: 'refresh' | 'more' | null;
      /** Why the last refresh or next page failed; the items shown are kept. */
      pageError: unknown;
      loadMore: () => void;
      /** Changes the loaded items in place, after an edit that the API answered with the new value. */
      update: (change: (items: readonly T[]) => readonly T[]) => void;
    } & Reloadable);

interface Loaded<T> {
  key: string;
  outcome: { ok: true; items: readonly T[]; nextCursor: string | null } | { ok: false; error: unknown };
  busy: 'refresh' | 'more' | null;
  pageError: unknown;
}

/**
 * A cursor-paged list: the first page per change of `key` (or `reload`), further pages appended with
 * "Load more", `refresh` fetching the first page again without blanking what is shown. Answers to
 * requests older than the newest first-page request are dropped.
 */
export function usePagedList<T>(
  key: string,
  loadPage: (cursor: string | undefined) => Promise<Page<T>>,
  keyOf: (item: T) => string,
): PagedList<T> {
  const [loaded, setLoaded] = useState<Loaded<T> | null>(null);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(loadPage);
  loadRef.current = loadPage;
  const keyOfRef = useRef(keyOf);
  keyOfRef.current = keyOf;

  const loadFirst = useCallback(
    (mode: 'initial' | 'refresh') => {
      const request = ++latest.current;
      if (mode === 'refresh') setLoaded((current) => current && { ...current, busy: 'refresh', pageError: null });
      loadRef.current(undefined).then(
        (page) =>
          request === latest.current &&
          setLoaded({ key, outcome: { ok: true, items: page.data, nextCursor: page.nextCursor }, busy: null, pageError: null }),
        (error: unknown) =>
          request === latest.current &&
          setLoaded((current) =>
            mode === 'refresh' && current !== null && current.key === key && current.outcome.ok
              ? { ...current, busy: null, pageError: error }
              : { key, outcome: { ok: false, error }, busy: null, pageError: null },
          ),
      );
    },
    [key],
  );

  useEffect(() => loadFirst('initial'), [loadFirst, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  if (loaded === null || loaded.key !== key) return { state: 'loading', reload, refresh: reload };
  const outcome = loaded.outcome;
  if (!outcome.ok) return { state: 'failed', error: outcome.error, reload, refresh: reload };

  const loadMore = () => {
    if (outcome.nextCursor === null || loaded.busy !== null) return;
    const request = latest.current;
    setLoaded({ ...loaded, busy: 'more', pageError: null });
    loadRef.current(outcome.nextCursor).then(
      (page) =>
        request === latest.current &&
        setLoaded((current) =>
          current === null || !current.outcome.ok
            ? current
            : {
                ...current,
                outcome: { ok: true, items: appendUnseen(current.outcome.items, page.data, keyOfRef.current), nextCursor: page.nextCursor },
                busy: null,
              },
        ),
      (error: unknown) => request === latest.current && setLoaded((current) => current && { ...current, busy: null, pageError: error }),
    );
  };
  const update = (change: (items: readonly T[]) => readonly T[]) =>
    setLoaded((current) => (current === null || !current.outcome.ok ? current : { ...current, outcome: { ...current.outcome, items: change(current.outcome.items) } }));

  return {
    state: 'ready',
    items: outcome.items,
    hasMore: outcome.nextCursor !== null,
    busy: loaded.busy,
    pageError: loaded.pageError,
    loadMore,
    refresh: () => loadFirst('refresh'),
    reload,
    update,
  };
}
