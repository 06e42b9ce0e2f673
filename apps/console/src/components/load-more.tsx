import { useMessages } from '../i18n/i18n-context';
import { commonMessages } from './common.messages';
import { ErrorNotice } from './error-notice';
import type { PagedList } from './use-paged-list';

/** Under a paged table: why the last page request failed, and the button that fetches the next page. */
export function LoadMore<T>(props: { list: PagedList<T> }) {
  const common = useMessages(commonMessages);
  const list = props.list;
  if (list.state !== 'ready') return null;
  return (
    <>
      {list.pageError !== null && <ErrorNotice error={list.pageError} onRetry={list.busy === null ? list.loadMore : undefined} />}
      {list.hasMore && (
        <div class="button-row load-more">
          <button type="button" class="button" onClick={list.loadMore} disabled={list.busy !== null} aria-busy={list.busy === 'more'}>
            {list.busy === 'more' ? common('loading') : common('loadMore')}
          </button>
        </div>
      )}
    </>
  );
}
