import { formatSpan, headerLines, isEveryEventType, retryScheduleText, spanOf, splitAtPlaceholder } from './webhook-overview.format';

describe('webhook settings as people read them', () => {
  it('picks the largest whole unit for a time span', () => {
    expect(spanOf(1800)).toEqual({ value: 30, unit: 'minute' });
    expect(spanOf(7200)).toEqual({ value: 2, unit: 'hour' });
    expect(spanOf(86_400)).toEqual({ value: 1, unit: 'day' });
    expect(spanOf(90)).toEqual({ value: 90, unit: 'second' });
    expect(spanOf(45)).toEqual({ value: 45, unit: 'second' });
    expect(spanOf(0)).toEqual({ value: 0, unit: 'second' });
  });

  it('writes the span in the reader’s language', () => {
    expect(formatSpan('en', 1800)).toBe('30 minutes');
    expect(formatSpan('en', 3600)).toBe('1 hour');
    expect(formatSpan('is', 1800)).toBe(new Intl.NumberFormat('is', { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(30));
  });

  it('lists the retry schedule in seconds', () => {
    expect(retryScheduleText([5, 30, 120, 600])).toBe('5, 30, 120, 600');
    expect(retryScheduleText([])).toBe('');
  });

  it('knows when a webhook takes every event type', () => {
    expect(isEveryEventType(['*'])).toBe(true);
    expect(isEveryEventType(['order.*'])).toBe(false);
    expect(isEveryEventType(['*', 'order.created'])).toBe(false);
  });

  it('writes custom headers as they are sent, sorted by name', () => {
    expect(headerLines({ 'X-Team': 'billing', Accept: 'application/json' })).toEqual(['Accept: application/json', 'X-Team: billing']);
    expect(headerLines({})).toEqual([]);
  });

  it('cuts a sentence around its placeholder wherever the language puts it', () => {
    expect(splitAtPlaceholder('Turned off at {time}.', 'time')).toEqual({ before: 'Turned off at ', after: '.' });
    expect(splitAtPlaceholder('{time} óvirkjaður', 'time')).toEqual({ before: '', after: ' óvirkjaður' });
    expect(splitAtPlaceholder('No time here', 'time')).toBeNull();
  });
});
