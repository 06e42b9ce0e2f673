import { admitInQueueOrder } from './admission';

describe('admitInQueueOrder', () => {
  it('sends everything while the queue is empty', () => {
    expect(admitInQueueOrder(['a', 'b'], [])).toEqual({ send: ['a', 'b'], park: [] });
  });

  it('parks a delivery that is not the head of a non-empty queue', () => {
    expect(admitInQueueOrder(['c'], ['a', 'b'])).toEqual({ send: [], park: ['c'] });
  });

  it('sends the head when it comes back', () => {
    expect(admitInQueueOrder(['a'], ['a', 'b'])).toEqual({ send: ['a'], park: [] });
  });

  it('sends the members that continue the queue, in queue order, and parks the others', () => {
    expect(admitInQueueOrder(['b', 'a', 'x'], ['a', 'b', 'c'])).toEqual({ send: ['a', 'b'], park: ['x'] });
    expect(admitInQueueOrder(['a', 'c'], ['a', 'b', 'c'])).toEqual({ send: ['a'], park: ['c'] });
  });
});
