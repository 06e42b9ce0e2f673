import type { EventType } from '@hookline/sdk/client';
import { draftOfEventType, eventTypeInputOf, eventTypeUpdateOf, parseSchemaText, schemaToText } from './event-type-draft';

const orderCreated: EventType = {
  name: 'order.created',
  description: 'A customer placed an order',
  schema: { type: 'object', required: ['orderId'] },
  archived: false,
  archivedAt: null,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

describe('schema text', () => {
  it('reads empty text as no schema', () => {
    expect(parseSchemaText('')).toEqual({ ok: true, schema: null });
    expect(parseSchemaText('  \n ')).toEqual({ ok: true, schema: null });
  });

  it('reads a JSON object', () => {
    expect(parseSchemaText('{ "type": "object" }')).toEqual({ ok: true, schema: { type: 'object' } });
  });

  it('tells text that is not JSON from JSON that is not an object', () => {
    expect(parseSchemaText('{ type: object }')).toEqual({ ok: false, problem: 'invalid-json' });
    expect(parseSchemaText('{"type": "object",}')).toEqual({ ok: false, problem: 'invalid-json' });
    for (const text of ['[]', 'null', '"object"', '42', 'true']) expect(parseSchemaText(text)).toEqual({ ok: false, problem: 'not-object' });
  });

  it('writes a schema indented, and no schema as nothing', () => {
    expect(schemaToText({ type: 'object' })).toBe('{\n  "type": "object"\n}');
    expect(schemaToText(null)).toBe('');
  });
});

describe('event type drafts', () => {
  it('starts editing from the stored type', () => {
    expect(draftOfEventType(orderCreated)).toEqual({
      name: 'order.created',
      description: 'A customer placed an order',
      schemaText: '{\n  "type": "object",\n  "required": [\n    "orderId"\n  ]\n}',
    });
    expect(draftOfEventType({ ...orderCreated, description: null, schema: null })).toEqual({ name: 'order.created', description: '', schemaText: '' });
  });

  it('builds the create request, trimming and sending blanks as null', () => {
    expect(eventTypeInputOf({ name: ' order.created ', description: '  ', schemaText: '' })).toEqual({
      ok: true,
      input: { name: 'order.created', description: null, schema: null },
    });
    expect(eventTypeInputOf({ name: 'a', description: ' Paid ', schemaText: '{"type":"object"}' })).toEqual({
      ok: true,
      input: { name: 'a', description: 'Paid', schema: { type: 'object' } },
    });
  });

  it('builds the update, clearing what was emptied', () => {
    expect(eventTypeUpdateOf({ name: 'ignored', description: '', schemaText: '' })).toEqual({ ok: true, patch: { description: null, schema: null } });
  });

  it('sends nothing while the schema is not JSON', () => {
    expect(eventTypeInputOf({ name: 'a', description: '', schemaText: '{' })).toEqual({ ok: false, problem: 'invalid-json' });
    expect(eventTypeUpdateOf({ name: 'a', description: '', schemaText: '[1]' })).toEqual({ ok: false, problem: 'not-object' });
  });
});
