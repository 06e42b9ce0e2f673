import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export type Resource<T> =
  | { state: 'loading'; reload: () => void }
  | { state: 'failed'; error: unknown; reload: () => void }
  | { state: 'ready'; value: T; reload: () => void; replace: (value: T) => void };

/** Loads once per change of `key`; an answer that arrives after a newer request started is dropped. */
export function useResource<T>(key: string, load: () => Promise<T>): Resource<T> {
  const [result, setResult] = useState<{ key: string; outcome: { ok: true; value: T } | { ok: false; error: unknown } } | null>(null);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const request = ++latest.current;
    loadRef.current().then(
      (value) => request === latest.current && setResult({ key, outcome: { ok: true, value } }),
      (error: unknown) => request === latest.current && setResult({ key, outcome: { ok: false, error } }),
    );
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const replace = useCallback((value: T) => setResult({ key, outcome: { ok: true, value } }), [key]);
  if (result === null || result.key !== key) return { state: 'loading', reload };
  if (!result.outcome.ok) return { state: 'failed', error: result.outcome.error, reload };
  return { state: 'ready', value: result.outcome.value, reload, replace };
}
