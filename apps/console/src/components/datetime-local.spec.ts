import { isoToLocalInput, localInputHoursBefore, localInputToIso } from './datetime-local';

describe('datetime-local values and ISO times', () => {
  it('reads a local wall-clock time in the reader’s time zone', () => {
    expect(localInputToIso('2026-11-23T14:30')).toBe(new Date(2026, 10, 23, 14, 30).toISOString());
    expect(localInputToIso(' 2026-11-23T14:30:15 ')).toBe(new Date(2026, 10, 23, 14, 30, 15).toISOString());
    expect(localInputToIso('2026-11-23T14:30:15.5')).toBe(new Date(2026, 10, 23, 14, 30, 15, 500).toISOString());
  });

  it('refuses what is not a date and time', () => {
    expect(localInputToIso('')).toBeNull();
    expect(localInputToIso('yesterday')).toBeNull();
    expect(localInputToIso('2026-11-23')).toBeNull();
    expect(localInputToIso('2026-02-30T10:00')).toBeNull();
    expect(localInputToIso('2026-11-23T24:00')).toBeNull();
    expect(localInputToIso('2026-11-23T10:60')).toBeNull();
  });

  it('writes an ISO time back as the input shows it, seconds only when there are some', () => {
    expect(isoToLocalInput(new Date(2026, 10, 23, 14, 30).toISOString())).toBe('2026-11-23T14:30');
    expect(isoToLocalInput(new Date(2026, 10, 23, 14, 30, 5).toISOString())).toBe('2026-11-23T14:30:05');
    expect(isoToLocalInput(new Date(2026, 10, 23, 14, 30, 5, 120).toISOString())).toBe('2026-11-23T14:30:05.120');
    expect(isoToLocalInput('')).toBe('');
    expect(isoToLocalInput('not a time')).toBe('');
  });

  it('survives the round trip both ways', () => {
    for (const local of ['2026-01-01T00:00', '2026-03-29T02:30', '2026-12-31T23:59:59', '2027-06-15T08:05:09.007']) {
      const iso = localInputToIso(local);
      expect(iso).not.toBeNull();
      expect(localInputToIso(isoToLocalInput(iso!))).toBe(iso);
    }
    const iso = '2026-11-23T10:15:00.000Z';
    expect(localInputToIso(isoToLocalInput(iso))).toBe(iso);
  });

  it('offers quick choices to the minute', () => {
    const now = new Date(2026, 10, 23, 14, 30, 45);
    expect(localInputHoursBefore(now, 1)).toBe('2026-11-23T13:30');
    expect(localInputHoursBefore(now, 24)).toBe('2026-11-22T14:30');
  });
});
