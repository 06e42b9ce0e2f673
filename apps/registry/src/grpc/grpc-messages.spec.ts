import { ProblemError } from '@hookline/http-api';
import { bodyOf, jsonFromStruct, jsonFromValue, lowerCamelCase, requiredField, structFromJson, updatedFields, valueFromJson } from './grpc-messages';

function captured(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('Struct and Value conversion', () => {
  const schema = {
    type: 'object',
    required: ['sku'],
    properties: { sku: { type: 'string', maxLength: 0 }, tags: { type: 'array', items: [true, null, 1.5, 'x', {}, []] } },
  };

  it('turns JSON into a Struct and back unchanged', () => {
    expect(jsonFromStruct(structFromJson(schema), 'schema')).toEqual(schema);
  });

  it('uses one Value field per JSON kind', () => {
    expect(valueFromJson(null)).toEqual({ nullValue: 'NULL_VALUE' });
    expect(valueFromJson(0)).toEqual({ numberValue: 0 });
    expect(valueFromJson('')).toEqual({ stringValue: '' });
    expect(valueFromJson(false)).toEqual({ boolValue: false });
    expect(valueFromJson([1])).toEqual({ listValue: { values: [{ numberValue: 1 }] } });
    expect(valueFromJson({ a: 'b' })).toEqual({ structValue: { fields: { a: { stringValue: 'b' } } } });
  });

  it('reads what the transport leaves out as empty', () => {
    expect(jsonFromStruct({}, 'schema')).toEqual({});
    expect(jsonFromValue({}, 'data')).toBeNull();
    expect(jsonFromValue({ listValue: {} }, 'data')).toEqual([]);
  });

  it('refuses numbers JSON cannot hold, naming where they are', () => {
    const struct = { fields: { limits: { listValue: { values: [{ numberValue: 1 }, { numberValue: Number.NaN }] } } } };
    const thrown = captured(() => jsonFromStruct(struct, 'schema'));
    expect(thrown).toBeInstanceOf(ProblemError);
    expect((thrown as ProblemError).errors).toEqual([{ field: 'schema.limits.1', message: 'must be a finite number' }]);
  });
});

describe('updatedFields', () => {
  const request = { id: 'sub_1', name: 'renamed', maxInFlight: 0 };

  it('without a mask, changes every field that is set', () => {
    expect(updatedFields(request, 'id')).toEqual({ name: 'renamed', maxInFlight: 0 });
  });

  it('with a mask, changes exactly the named fields and clears the unset ones', () => {
    const masked = { ...request, updateMask: { paths: ['name', 'rate_limit_per_second', 'headers', 'event_types'] } };
    expect(updatedFields(masked, 'id', { headers: {}, eventTypes: [] })).toEqual({
      name: 'renamed',
      rateLimitPerSecond: null,
      headers: {},
      eventTypes: [],
    });
  });

  it('passes unknown paths on for the input schema to refuse', () => {
    expect(updatedFields({ id: 'sub_1', updateMask: { paths: ['policy.mode', 'constructor'] } }, 'id')).toEqual({
      'policy.mode': null,
      constructor: null,
    });
  });

  it('treats an empty mask as no mask', () => {
    expect(updatedFields({ ...request, updateMask: {} }, 'id')).toEqual({ name: 'renamed', maxInFlight: 0 });
  });
});

describe('request helpers', () => {
  it('converts snake_case mask paths to the decoded field names', () => {
    expect(lowerCamelCase('failure_window_seconds')).toBe('failureWindowSeconds');
    expect(lowerCamelCase('maxInFlight')).toBe('maxInFlight');
  });

  it('requires the identifying field', () => {
    expect(requiredField({ id: 'sub_1' }, 'id')).toBe('sub_1');
    expect(() => requiredField({}, 'id')).toThrow('id: is required');
  });

  it('leaves the identifying fields out of the body', () => {
    expect(bodyOf({ id: 'sub_1', since: '2026-11-23T00:00:00Z' }, 'id')).toEqual({ since: '2026-11-23T00:00:00Z' });
  });
});
