import { useMessages } from '../i18n/i18n-context';
import { commonMessages } from './common.messages';
import { ErrorNotice } from './error-notice';
import type { PagedList } from './use-paged-list';

/** Under a paged table: why the next page failed, and the button that fetches it. */
export function LoadMore<T>(props: { list: PagedList<T> }) {
  const common = useMessages(commonMessages);
  const list = props.list;
  if (list.state !== 'ready') return null;
  return (
    <>
      {list.moreError !== null && <ErrorNotice error={list.moreError} onRetry={list.loadMore} />}
      {list.hasMore && (
        <div class="load-more">
          <button type="button" class="button" onClick={list.loadMore} disabled={list.loadingMore}>
            {list.loadingMore ? common('loading') : common('loadMore')}
          </button>
        </div>
      )}
    </>
  );
}
