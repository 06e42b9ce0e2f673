import { emptyReplayDraft, REPLAY_STATUSES, replayInputOfDraft, withReplayStatus } from './replay-dialog.form';

describe('replay form', () => {
  it('starts with every replayable status ticked and no times', () => {
    expect(emptyReplayDraft).toEqual({ since: '', until: '', statuses: ['dead', 'held', 'failed'] });
    expect(REPLAY_STATUSES).toEqual(['dead', 'held', 'failed']);
  });

  it('ticks and unticks statuses, keeping the dialog’s order', () => {
    expect(withReplayStatus(['dead', 'held', 'failed'], 'held', false)).toEqual(['dead', 'failed']);
    expect(withReplayStatus(['failed'], 'dead', true)).toEqual(['dead', 'failed']);
    expect(withReplayStatus([], 'failed', true)).toEqual(['failed']);
  });

  it('turns local times into the ISO times the API takes', () => {
    const since = new Date(2026, 10, 23, 9, 0).toISOString();
    const until = new Date(2026, 10, 23, 18, 0).toISOString();
    expect(replayInputOfDraft({ since: '2026-11-23T09:00', until: '', statuses: ['held', 'dead'] })).toEqual({
      ok: true,
      input: { since, statuses: ['dead', 'held'] },
    });
    expect(replayInputOfDraft({ since: '2026-11-23T09:00', until: '2026-11-23T18:00', statuses: REPLAY_STATUSES })).toEqual({
      ok: true,
      input: { since, until, statuses: ['dead', 'held', 'failed'] },
    });
  });

  it('requires a start, a later end and one status at least', () => {
    expect(replayInputOfDraft(emptyReplayDraft)).toEqual({ ok: false, errors: { since: 'required' } });
    expect(replayInputOfDraft({ since: 'last week', until: 'soon', statuses: [] })).toEqual({
      ok: false,
      errors: { since: 'invalid', until: 'invalid', statuses: 'no-status' },
    });
    expect(replayInputOfDraft({ since: '2026-11-23T09:00', until: '2026-11-23T08:59', statuses: ['dead'] })).toEqual({
      ok: false,
      errors: { until: 'not-after-since' },
    });
  });
});
