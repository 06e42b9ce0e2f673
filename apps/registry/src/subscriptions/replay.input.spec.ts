import { ProblemError, parseInput, type FieldError } from '@hookline/http-api';
import { deliveryStatusesFor, ReplayInput } from './replay.input';

const since = '2026-11-23T10:00:00Z';

/** The field errors parseInput throws for `body`. */
function errorsOf(body: unknown): FieldError[] {
  try {
    parseInput(ReplayInput, body);
  } catch (error) {
    if (error instanceof ProblemError) return error.errors ?? [];
    throw error;
  }
  throw new Error('expected a validation problem');
}

describe('ReplayInput', () => {
  it('takes since alone and replays dead, held and failed deliveries', () => {
    expect(parseInput(ReplayInput, { since })).toEqual({ since, statuses: ['dead', 'held', 'failed'] });
  });

  it('takes until and a subset of statuses', () => {
    const body = { since: '2026-11-23T10:00:00+02:00', until: '2026-11-23T09:00:00.500Z', statuses: ['failed', 'dead'] };
    expect(parseInput(ReplayInput, body)).toEqual(body);
  });

  it.each([
    ['a missing since', {}, 'since', /is required/],
    ['a since that is not a time', { since: 'yesterday' }, 'since', /ISO 8601/],
    ['a since without an offset', { since: '2026-11-23T10:00:00' }, 'since', /offset/],
    ['a date that does not exist', { since: '2026-02-30T10:00:00Z' }, 'since', /ISO 8601/],
    ['a since that is a number', { since: 1764000000 }, 'since', /ISO 8601/],
    ['an until that is not a time', { since, until: 'later' }, 'until', /ISO 8601/],
    ['an until before since', { since, until: '2026-11-23T09:59:59Z' }, 'until', /after since/],
    ['an until equal to since', { since, until: '2026-11-23T12:00:00+02:00' }, 'until', /after since/],
    ['statuses that is not an array', { since, statuses: 'dead' }, 'statuses', /array/],
    ['empty statuses', { since, statuses: [] }, 'statuses', /at least one/],
    ['a status that cannot be replayed', { since, statuses: ['dead', 'succeeded'] }, 'statuses.1', /"dead", "held" or "failed"/],
    ['a status named twice', { since, statuses: ['held', 'held'] }, 'statuses', /twice/],
    ['an unknown field', { since, status: 'dead' }, 'status', /not a known field/],
  ])('refuses %s, naming the field', (_case, body, field, message) => {
    const errors = errorsOf(body);
    expect(errors).toEqual([{ field, message: expect.stringMatching(message) }]);
  });

  it('names every bad field at once', () => {
    expect(errorsOf({ since: 'soon', until: 'later', statuses: ['alive'] }).map((error) => error.field)).toEqual(['since', 'until', 'statuses.0']);
  });
});

describe('deliveryStatusesFor', () => {
  it('reads failed as deliveries waiting for their next try', () => {
    expect(deliveryStatusesFor(['dead', 'held', 'failed'])).toEqual(['dead', 'held', 'retrying']);
  });
});
