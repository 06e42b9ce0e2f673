import { appendUnseen } from './paged-items';

describe('appendUnseen', () => {
  const byId = (item: { id: string }) => item.id;

  it('appends the next page below the items shown', () => {
    expect(appendUnseen([{ id: 'a' }], [{ id: 'b' }, { id: 'c' }], byId)).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
  });

  it('keeps an item that shows up on two pages once, where it was first shown', () => {
    expect(appendUnseen([{ id: 'a', v: 1 }, { id: 'b', v: 1 }], [{ id: 'b', v: 2 }, { id: 'c', v: 2 }], byId)).toEqual([
      { id: 'a', v: 1 },
      { id: 'b', v: 1 },
      { id: 'c', v: 2 },
    ]);
  });
});
