import { QueryFailedError } from 'typeorm';
import { ProblemError } from './problem';
import { isDependencyUnavailable, unavailableProblem } from './unavailable-dependency';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('isDependencyUnavailable', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', withCode('ECONNRESET')],
    ['Postgres shutting down (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
    ['Postgres in crash recovery (57P03)', withCode('57P03', 'the database system is starting up')],
    ['a connection exception (08006)', withCode('08006')],
    ['too many connections (53300)', withCode('53300')],
    ['node-postgres losing its socket', new Error('Connection terminated unexpectedly')],
    ['the pool giving up', new Error('timeout exceeded when trying to connect')],
    ['a refused connection to each address', new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'connect failed')],
  ])('recognises %s', (_, error) => {
    expect(isDependencyUnavailable(error)).toBe(true);
  });

  it('looks into the driver error TypeORM wraps and into causes', () => {
    const wrapped = new QueryFailedError('SELECT 1', [], withCode('57P01'));
    expect(isDependencyUnavailable(wrapped)).toBe(true);
    expect(isDependencyUnavailable(new Error('outer', { cause: withCode('ECONNREFUSED') }))).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error', withCode('42601')],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['a value that is not an error', 'ECONNREFUSED'],
    ['null', null],
  ])('leaves %s alone', (_, error) => {
    expect(isDependencyUnavailable(error)).toBe(false);
  });

  it('survives a cyclic cause chain', () => {
    const error = withCode('XX000') as Error & { cause?: unknown };
    error.cause = error;
    expect(isDependencyUnavailable(error)).toBe(false);
  });
});

describe('unavailableProblem', () => {
  it('answers an unreachable database with 503 and Retry-After', () => {
    expect(unavailableProblem(withCode('ECONNREFUSED'))).toMatchObject({ status: 503, retryAfterSeconds: 2 });
  });

  it('keeps problems the code raised on purpose', () => {
    expect(unavailableProblem(ProblemError.unavailable('Kafka is down'))).toBeUndefined();
    expect(unavailableProblem(new Error('bug'))).toBeUndefined();
  });
});
