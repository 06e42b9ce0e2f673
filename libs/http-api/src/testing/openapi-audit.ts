import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenAPIObject } from '@nestjs/swagger';

type Json = Record<string, unknown>;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function validator(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv;
}

/**
 * What a useful API document needs of every operation, as a list of shortcomings (empty when none): a
 * summary; a success response whose JSON schema is given (none for 204); 401, 429 and 503 on authenticated routes;
 * a schema and an example for every request body; and every example valid against its own schema, so
 * examples cannot drift from the code.
 */
export function auditOpenApiDocument(document: OpenAPIObject): string[] {
  const problems: string[] = [];
  const ajv = validator();
  const checkExample = (where: string, schema: unknown, example: unknown) => {
    if (example === undefined) return problems.push(`${where}: no example`);
    const validate = ajv.compile(schema as Json);
    if (!validate(example)) problems.push(`${where}: example does not match its schema: ${ajv.errorsText(validate.errors)}`);
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      const where = `${method.toUpperCase()} ${path}`;
      if (!operation.summary) problems.push(`${where}: no summary`);
      const responses = operation.responses as unknown as Record<string, Json>;
      const success = Object.keys(responses).filter((status) => status.startsWith('2'));
      if (success.length === 0) problems.push(`${where}: no success response`);
      for (const status of success) {
        const content = (responses[status]?.content as Record<string, Json> | undefined)?.['application/json'];
        if (status === '204') {
          if (content !== undefined) problems.push(`${where}: 204 with a body`);
          continue;
        }
        if (content?.schema === undefined) problems.push(`${where}: ${status} without a schema`);
        else checkExample(`${where} ${status}`, content.schema, content.example);
      }
      if ((operation.security ?? []).length > 0) {
        for (const status of ['401', '429', '503']) if (responses[status] === undefined) problems.push(`${where}: authenticated but no ${status}`);
      }
      const body = operation.requestBody as unknown as Json | undefined;
      if (body !== undefined) {
        const json = (body.content as Record<string, Json> | undefined)?.['application/json'];
        const schema = json?.schema as Json | undefined;
        if (schema === undefined) problems.push(`${where}: request body without a schema`);
        else checkExample(`${where} request`, { ...schema, example: undefined }, schema.example);
      }
    }
  }
  return problems;
}
