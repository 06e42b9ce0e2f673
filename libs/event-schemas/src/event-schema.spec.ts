import { compileEventSchema } from './event-schema';

describe('event schemas', () => {
  const schema = {
    type: 'object',
    required: ['orderId', 'total'],
    properties: { orderId: { type: 'string' }, total: { type: 'number', minimum: 0 }, email: { type: 'string', format: 'email' } },
  };

  it('accepts data that matches and names every violation otherwise', () => {
    const compiled = compileEventSchema(schema);
    if (!compiled.ok) throw new Error(compiled.error);
    expect(compiled.validate({ orderId: 'o1', total: 3 })).toEqual([]);
    const errors = compiled.validate({ total: -1, email: 'nope' });
    expect(errors.map((error) => error.path).sort()).toEqual(['', '/email', '/total']);
  });

  it('reports a schema that does not compile', () => {
    const compiled = compileEventSchema({ type: 'no-such-type' });
    expect(compiled.ok).toBe(false);
  });

  it('compiles a schema once', () => {
    expect(compileEventSchema(schema)).toBe(compileEventSchema({ ...schema }));
  });
});
