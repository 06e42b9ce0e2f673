import { newClusterId } from './kafka-broker';

describe('newClusterId', () => {
  it('is 22 base64url characters and never starts with a dash (the storage tool would read it as an option)', () => {
    for (let n = 0; n < 5000; n++) {
      const id = newClusterId();
      expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    }
  });
});
