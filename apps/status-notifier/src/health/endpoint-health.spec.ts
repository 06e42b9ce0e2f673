import { assessHealth, describeTrip, type EndpointRequest, type HealthRule, type HealthState } from './endpoint-health';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const NOW = at(3600);

const healthy: HealthState = {
  windowStart: null,
  lastSuccessAt: null,
  lastFailureAt: null,
  failingSince: null,
  lastStatusCode: null,
  lastError: null,
  alarm: null,
  alarmAt: null,
};
const rule: HealthRule = { failureThreshold: 3, failureWindowSeconds: 600, enabled: true };

let sequence = 0;
function failure(seconds: number, statusCode: number | null = 500): EndpointRequest {
  sequence += 1;
  return { key: `f${sequence}`, finishedAt: at(seconds), ok: false, statusCode, error: statusCode === null ? 'timeout: no response' : 'http_status: HTTP 500', announcedDeath: false };
}
function success(seconds: number): EndpointRequest {
  sequence += 1;
  return { key: `s${sequence}`, finishedAt: at(seconds), ok: true, statusCode: 200, error: null, announcedDeath: false };
}

describe('assessHealth', () => {
  it('trips when the threshold of failures falls inside the window', () => {
    const verdict = assessHealth(healthy, [], [failure(3000), failure(3010), failure(3020)], rule, NOW);
    expect(verdict.trip).toMatchObject({ reason: 'failure_threshold', failureCount: 3, statusCode: 500, at: at(3020) });
    expect(verdict.state.alarm).toBe('disabled');
    expect(verdict.counted).toHaveLength(3);
  });

  it('does not trip one failure short of the threshold', () => {
    const verdict = assessHealth(healthy, [], [failure(3000), failure(3010)], rule, NOW);
    expect(verdict.trip).toBeNull();
    expect(verdict.state.failingSince).toEqual(at(3000));
  });

  it('slides: failures further apart than the window never add up', () => {
    const verdict = assessHealth(healthy, [], [failure(1000), failure(1500), failure(2200), failure(2900), failure(3500)], rule, NOW);
    expect(verdict.trip).toBeNull();
  });

  it('finds a full window that ended before the batch’s last failure', () => {
    const verdict = assessHealth(healthy, [], [failure(3000), failure(3001), failure(3002), failure(3590)], rule, NOW);
    expect(verdict.trip?.at).toEqual(at(3002));
  });

  it('counts a failure that arrives after later ones (requests finish out of order)', () => {
    const stored = [
      { key: 'later1', failedAt: at(3010) },
      { key: 'later2', failedAt: at(3020) },
    ];
    const verdict = assessHealth({ ...healthy, lastFailureAt: at(3020), failingSince: at(3010) }, stored, [failure(3005)], rule, NOW);
    expect(verdict.trip).toMatchObject({ reason: 'failure_threshold', failureCount: 3, at: at(3020) });
  });

  it('counts failures stored earlier, as after a restart', () => {
    const stored = [
      { key: 'old1', failedAt: at(3000) },
      { key: 'old2', failedAt: at(3100) },
    ];
    const verdict = assessHealth({ ...healthy, lastFailureAt: at(3100), failingSince: at(3000) }, stored, [failure(3200)], rule, NOW);
    expect(verdict.trip).toMatchObject({ failureCount: 3 });
  });

  it('counts a request read twice only once', () => {
    const first = failure(3000);
    const stored = [{ key: first.key, failedAt: first.finishedAt }];
    const verdict = assessHealth({ ...healthy, lastFailureAt: at(3000) }, stored, [first, failure(3010)], rule, NOW);
    expect(verdict.trip).toBeNull();
    expect(verdict.counted.map((counted) => counted.failedAt)).toEqual([at(3010)]);
  });

  it('a success inside the window resets it', () => {
    const verdict = assessHealth(healthy, [], [failure(3000), failure(3010), success(3015), failure(3020), failure(3030)], rule, NOW);
    expect(verdict.trip).toBeNull();
    expect(verdict.state.lastSuccessAt).toEqual(at(3015));
    expect(verdict.state.failingSince).toEqual(at(3020));
    expect(verdict.forgetUpTo?.getTime()).toBeGreaterThanOrEqual(at(3015).getTime());
  });

  it('ignores a failure that finished before the last success (a slow request overtaken)', () => {
    const state = { ...healthy, lastSuccessAt: at(3050) };
    const verdict = assessHealth(state, [], [failure(3000), failure(3060), failure(3070)], rule, NOW);
    expect(verdict.trip).toBeNull();
    expect(verdict.counted).toHaveLength(2);
  });

  it('ignores what finished before the window was cleared by re-enabling', () => {
    const state = { ...healthy, windowStart: at(3100) };
    const verdict = assessHealth(state, [], [failure(3000), failure(3050), failure(3101), failure(3102)], rule, NOW);
    expect(verdict.trip).toBeNull();
    expect(verdict.counted).toHaveLength(2);
  });

  it('disables at once on a 410, whatever the threshold', () => {
    const verdict = assessHealth(healthy, [], [failure(3300, 410)], { ...rule, failureThreshold: 30 }, NOW);
    expect(verdict.trip).toMatchObject({ reason: 'gone', failureCount: 1, statusCode: 410 });
  });

  it('never trips a subscription that is not enabled', () => {
    const verdict = assessHealth(healthy, [], [failure(3000), failure(3010), failure(3020), failure(3030, 410)], { ...rule, enabled: false }, NOW);
    expect(verdict.trip).toBeNull();
    expect(verdict.counted).toHaveLength(4);
  });

  it('trips once per batch even when failures go on', () => {
    const verdict = assessHealth(healthy, [], [failure(3000), failure(3010), failure(3020), failure(3030), failure(3040, 410)], rule, NOW);
    expect(verdict.trip).toMatchObject({ reason: 'failure_threshold', at: at(3020) });
  });

  it('does not disable now for a window that closed long ago (a fresh notifier reading old history)', () => {
    const verdict = assessHealth(healthy, [], [failure(0), failure(10), failure(20)], rule, at(7200));
    expect(verdict.trip).toBeNull();
  });

  it('reports recovery on the first success after an alarm, once', () => {
    const state = { ...healthy, alarm: 'disabled' as const, alarmAt: at(3000), windowStart: at(3100) };
    const verdict = assessHealth(state, [], [success(3200), success(3210)], rule, NOW);
    expect(verdict.recovery).toEqual({ after: 'disabled', alarmAt: at(3000), at: at(3200), statusCode: 200 });
    expect(verdict.state.alarm).toBeNull();
  });

  it('does not report recovery while the subscription is still disabled', () => {
    const state = { ...healthy, alarm: 'disabled' as const, alarmAt: at(3000) };
    const verdict = assessHealth(state, [], [success(3200)], { ...rule, enabled: false }, NOW);
    expect(verdict.recovery).toBeNull();
    expect(verdict.state.alarm).toBe('disabled');
  });

  it('does not report a success that finished before the alarm as recovery', () => {
    const state = { ...healthy, alarm: 'dead' as const, alarmAt: at(3000) };
    expect(assessHealth(state, [], [success(2990)], rule, NOW).recovery).toBeNull();
  });

  it('raises a dead alarm for an announced death, answered by the next success', () => {
    const died = { ...failure(3000), announcedDeath: true };
    const verdict = assessHealth(healthy, [], [died, success(3010)], rule, NOW);
    expect(verdict.recovery).toMatchObject({ after: 'dead', alarmAt: at(3000), at: at(3010) });
  });

  it('no recovery without an alarm: a single failed attempt and a success are routine', () => {
    const verdict = assessHealth(healthy, [], [failure(3000), success(3010)], rule, NOW);
    expect(verdict.recovery).toBeNull();
    expect(verdict.state.failingSince).toBeNull();
  });

  it('keeps the latest failure’s status and error', () => {
    const verdict = assessHealth(healthy, [], [failure(3010, null), failure(3000, 500)], rule, NOW);
    expect(verdict.state).toMatchObject({ lastFailureAt: at(3010), lastStatusCode: null, lastError: 'timeout: no response' });
  });
});

describe('describeTrip', () => {
  it('says how many failures in what window, and the last error', () => {
    expect(describeTrip({ reason: 'failure_threshold', at: at(0), failureCount: 30, statusCode: 500, error: 'http_status: HTTP 500' }, 1800)).toBe(
      '30 failed attempts within 1800 s and no success (last: http_status: HTTP 500)',
    );
  });

  it('names a 410', () => {
    expect(describeTrip({ reason: 'gone', at: at(0), failureCount: 1, statusCode: 410, error: 'http_status: HTTP 410' }, 1800)).toBe(
      'the endpoint answered 410 Gone',
    );
  });
});
