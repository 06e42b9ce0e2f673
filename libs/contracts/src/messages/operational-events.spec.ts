import { BuiltInEventTypes } from '../event-types';
import { emitsOperationalEvents } from './operational-events';

describe('emitsOperationalEvents', () => {
  it('announces the fate of deliveries of the tenant’s own events', () => {
    expect(emitsOperationalEvents('order.created')).toBe(true);
  });

  it('never announces deliveries of operational events, so a failing alert endpoint cannot feed a loop', () => {
    for (const type of Object.values(BuiltInEventTypes)) expect(emitsOperationalEvents(type)).toBe(false);
  });
});
