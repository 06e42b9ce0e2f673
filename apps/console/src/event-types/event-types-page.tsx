import type { EventType } from '@hookline/sdk/client';
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { commonMessages } from '../components/common.messages';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ErrorNotice, Loading } from '../components/error-notice';
import { LocalTime } from '../components/local-time';
import { Ltr } from '../components/ltr';
import { LoadMore } from '../components/load-more';
import { usePagedList } from '../components/use-paged-list';
import { useMessages } from '../i18n/i18n-context';
import { useSession } from '../session/session-context';
import { draftOfEventType, emptyEventTypeDraft, schemaToText } from './event-type-draft';
import { EventTypeForm } from './event-type-form';
import { eventTypesMessages } from './event-types.messages';
import { HOOKLINE_EVENT_TYPES, type HooklineEventType } from './hookline-event-types';

type Outcome = 'added' | 'saved' | 'archived' | 'restored';

const hooklineDescriptions = {
  'hookline.subscription.disabled': 'builtinDisabled',
  'hookline.subscription.recovered': 'builtinRecovered',
  'hookline.delivery.dead': 'builtinDead',
  'hookline.test': 'builtinTest',
} as const satisfies Record<HooklineEventType, keyof (typeof eventTypesMessages)['en']>;

/** The tenant's event type catalog: add, edit, archive and restore types, and read their schemas. */
export function EventTypesPage() {
  const t = useMessages(eventTypesMessages);
  const common = useMessages(commonMessages);
  const { client } = useSession();
  const [showArchived, setShowArchived] = useState(false);
  const [adding, setAdding] = useState(false);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<string | null>(null);
  const [archiving, setArchiving] = useState<EventType | null>(null);
  const [archiveBusy, setArchiveBusy] = useState(false);
  const [archiveFailure, setArchiveFailure] = useState<unknown>(null);
  const [restoring, setRestoring] = useState<string | null>(null);
  const [actionFailure, setActionFailure] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<{ kind: Outcome; name: string } | null>(null);

  const list = usePagedList(`event-types:${String(showArchived)}`, (cursor) =>
    client.eventTypes.list({ limit: 100, cursor, includeArchived: showArchived }),
    (type) => type.name,
  );

  const setOpen = (name: string, open: boolean) => {
    const next = new Set(expanded);
    if (open) next.add(name);
    else next.delete(name);
    setExpanded(next);
  };

  const replaceType = (saved: EventType) => {
    if (list.state === 'ready') list.update((items) => items.map((item) => (item.name === saved.name ? saved : item)));
  };

  const archive = async (type: EventType) => {
    setArchiveBusy(true);
    setArchiveFailure(null);
    try {
      await client.eventTypes.archive(type.name);
      if (list.state === 'ready') {
        list.update((items) =>
          showArchived
            ? items.map((item) => (item.name === type.name ? { ...item, archived: true, archivedAt: new Date().toISOString() } : item))
            : items.filter((item) => item.name !== type.name),
        );
      }
      if (editing === type.name) setEditing(null);
      setArchiving(null);
      setOutcome({ kind: 'archived', name: type.name });
    } catch (error) {
      setArchiveFailure(error);
    } finally {
      setArchiveBusy(false);
    }
  };

  /** Creating an archived name again brings it back; its description and schema are sent as they were. */
  const restore = async (type: EventType) => {
    setRestoring(type.name);
    setActionFailure(null);
    setOutcome(null);
    try {
      replaceType(await client.eventTypes.create({ name: type.name, description: type.description, schema: type.schema }));
      setOutcome({ kind: 'restored', name: type.name });
    } catch (error) {
      setActionFailure(error);
    } finally {
      setRestoring(null);
    }
  };

  return (
    <section class="event-types">
      <div class="page-header">
        <h1>{t('title')}</h1>
        <span class="spacer" />
        <button
          type="button"
          class="button button-primary"
          aria-expanded={adding}
          aria-controls="add-event-type"
          onClick={() => {
            setAdding(!adding);
            setOutcome(null);
          }}
        >
          {t('addEventType')}
        </button>
      </div>
      <p class="hint page-intro">{t('intro')}</p>

      {adding && (
        <div id="add-event-type" class="card">
          <h2>{t('addEventType')}</h2>
          <EventTypeForm
            initial={emptyEventTypeDraft}
            onSaved={(created) => {
              setAdding(false);
              setOutcome({ kind: 'added', name: created.name });
              list.reload();
            }}
            onCancel={() => setAdding(false)}
          />
        </div>
      )}

      <div role="status" class="event-types-outcome">
        {outcome !== null && (
          <p class="notice notice-success">
            {t(outcome.kind)} <Ltr>{outcome.name}</Ltr>
          </p>
        )}
      </div>
      {actionFailure !== null && <ErrorNotice error={actionFailure} />}

      <div class="list-options">
        <label class="choice">
          <input type="checkbox" checked={showArchived} onChange={(event) => setShowArchived(event.currentTarget.checked)} />
          {t('showArchived')}
        </label>
      </div>

      {list.state === 'loading' && <Loading />}
      {list.state === 'failed' && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {list.state === 'ready' && list.items.length === 0 && (
        <p class="card empty" data-testid="event-types-empty">
          {t('empty')}
        </p>
      )}
      {list.state === 'ready' && list.items.length > 0 && (
        <div class="table-wrap">
          <table data-testid="event-types-table">
            <thead>
              <tr>
                <th scope="col">{t('colName')}</th>
                <th scope="col">{t('colDescription')}</th>
                <th scope="col">{t('colSchema')}</th>
                <th scope="col">{t('colCreated')}</th>
                <th scope="col">
                  <span class="visually-hidden">{common('actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((type) => {
                const detailId = `event-type-detail-${type.name}`;
                const open = expanded.has(type.name) || editing === type.name;
                return (
                  <Fragment key={type.name}>
                    <tr data-testid={`event-type-row-${type.name}`} data-archived={String(type.archived)} class={type.archived ? 'archived-row' : undefined}>
                      <td>
                        <span class="event-type-name">
                          <Ltr>{type.name}</Ltr>
                          {type.archived && (
                            <span class="badge badge-archived" title={type.archivedAt ?? undefined}>
                              {t('archivedBadge')}
                            </span>
                          )}
                        </span>
                      </td>
                      <td>{type.description === null || type.description === '' ? common('none') : <bdi>{type.description}</bdi>}</td>
                      <td>{type.schema === null ? t('noSchemaShort') : t('hasSchema')}</td>
                      <td>
                        <LocalTime iso={type.createdAt} />
                      </td>
                      <td class="row-actions">
                        <div class="button-row">
                          <button
                            type="button"
                            class="button button-small"
                            aria-expanded={open}
                            aria-controls={detailId}
                            disabled={editing === type.name}
                            onClick={() => setOpen(type.name, !open)}
                          >
                            {open ? t('hideSchema') : t('viewSchema')}
                          </button>
                          {!type.archived && (
                            <button
                              type="button"
                              class="button button-small"
                              disabled={editing === type.name}
                              onClick={() => {
                                setEditing(type.name);
                                setOutcome(null);
                              }}
                            >
                              {common('edit')}
                            </button>
                          )}
                          {!type.archived && (
                            <button
                              type="button"
                              class="button button-small"
                              onClick={() => {
                                setArchiveFailure(null);
                                setOutcome(null);
                                setArchiving(type);
                              }}
                            >
                              {t('archive')}
                            </button>
                          )}
                          {type.archived && (
                            <button type="button" class="button button-small" disabled={restoring === type.name} onClick={() => void restore(type)}>
                              {t('restore')}
                            </button>
                          )}
                        </div>
                      </td>
                    </tr>
                    {open && (
                      <tr id={detailId} class="event-type-detail" data-testid={`event-type-detail-${type.name}`}>
                        <td colSpan={5}>
                          {editing === type.name ? (
                            <EventTypeForm
                              existing={type}
                              initial={draftOfEventType(type)}
                              onSaved={(saved) => {
                                replaceType(saved);
                                setEditing(null);
                                setOutcome({ kind: 'saved', name: saved.name });
                              }}
                              onCancel={() => setEditing(null)}
                            />
                          ) : type.schema === null ? (
                            <p class="hint">{t('noSchema')}</p>
                          ) : (
                            <pre dir="ltr" class="schema-view">
                              {schemaToText(type.schema)}
                            </pre>
                          )}
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} />

      <h2 id="hookline-event-types-title">{t('builtinTitle')}</h2>
      <p class="hint">{t('builtinIntro')}</p>
      <div class="table-wrap">
        <table data-testid="hookline-event-types" aria-labelledby="hookline-event-types-title">
          <thead>
            <tr>
              <th scope="col">{t('colName')}</th>
              <th scope="col">{t('colDescription')}</th>
            </tr>
          </thead>
          <tbody>
            {HOOKLINE_EVENT_TYPES.map((name) => (
              <tr key={name} data-testid={`hookline-event-type-${name}`}>
                <td>
                  <Ltr>{name}</Ltr>
                </td>
                <td>{t(hooklineDescriptions[name])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {archiving !== null && (
        <ConfirmDialog
          title={t('archiveTitle')}
          confirmLabel={t('archive')}
          danger
          busy={archiveBusy}
          onConfirm={() => void archive(archiving)}
          onCancel={() => setArchiving(null)}
        >
          <p>
            <Ltr>{archiving.name}</Ltr>
          </p>
          <p>{t('archiveRefused')}</p>
          <p>{t('archiveKept')}</p>
          <p>{t('archiveRestore')}</p>
          {archiveFailure !== null && <ErrorNotice error={archiveFailure} />}
        </ConfirmDialog>
      )}
    </section>
  );
}
