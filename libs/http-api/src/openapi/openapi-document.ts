import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { openApiSchema, ProblemSchema } from './openapi-schema';

export interface OpenApiInfo {
  title: string;
  description: string;
  version: string;
}

export const OPENAPI_PATH = '/openapi.json';
export const DOCS_PATH = '/docs';

/** The OpenAPI 3 document of every route the application serves, from their decorators and zod schemas. */
export function buildOpenApiDocument(app: INestApplication, info: OpenApiInfo): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(info.title)
    .setDescription(info.description)
    .setVersion(info.version)
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A tenant API key (hk_…)' }, 'apiKey')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'The operator token (HOOKLINE_ADMIN_TOKEN)' }, 'adminToken')
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` });
  document.components = { ...document.components, schemas: { ...document.components?.schemas, Problem: openApiSchema(ProblemSchema, 'output') } };
  return document;
}

// Swagger UI is served from the installed package, so the docs work without reaching a CDN.
const uiAssets = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
} as const;

const docsPage = (title: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css">
</head>
<body>
<div id="docs"></div>
<script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
<script src="${DOCS_PATH}/init.js"></script>
</body>
</html>
`;

const initScript = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '${OPENAPI_PATH}', dom_id: '#docs', deepLinking: true, persistAuthorization: true });
});
`;

/**
 * Serves `GET /openapi.json` and the docs UI at `GET /docs`, both public. The document is built once,
 * on first request, when every route is registered.
 */
export function serveOpenApi(app: INestApplication, info: OpenApiInfo): void {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  const assets = dirname(require.resolve('swagger-ui-dist/package.json'));
  let document: string | undefined;
  fastify.get(OPENAPI_PATH, async (_request, reply) => {
    document ??= JSON.stringify(buildOpenApiDocument(app, info));
    return reply.type('application/json; charset=utf-8').send(document);
  });
  fastify.get(DOCS_PATH, async (_request, reply) => reply.type('text/html; charset=utf-8').send(docsPage(`${info.title} — API`)));
  fastify.get(`${DOCS_PATH}/init.js`, async (_request, reply) => reply.type('application/javascript; charset=utf-8').send(initScript));
  const cache = new Map<string, Buffer>();
  for (const [file, type] of Object.entries(uiAssets)) {
    fastify.get(`${DOCS_PATH}/${file}`, async (_request, reply) => {
      let body = cache.get(file);
      if (body === undefined) {
        body = readFileSync(join(assets, file));
        cache.set(file, body);
      }
      return reply.type(type).header('cache-control', 'public, max-age=86400').send(body);
    });
  }
}
