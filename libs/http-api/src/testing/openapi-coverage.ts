import type { Type } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { buildOpenApiDocument, type OpenApiInfo } from '../openapi/openapi-document';
import { HTTP_METHODS } from './openapi-fuzz/api-document';

export interface ServedRoute {
  method: string;
  /** In OpenAPI form: `/v1/subscriptions/{id}`. */
  path: string;
}

/**
 * Mounts the given controllers on a real Fastify server (their dependencies stubbed: no handler runs),
 * records every route Fastify registers, and builds the OpenAPI document the service would serve. A
 * route that is served but missing from the document shows up as a difference between the two.
 */
export async function servedRoutesAndDocument(controllers: Type[], info: OpenApiInfo): Promise<{ routes: ServedRoute[]; document: OpenAPIObject }> {
  const module = await Test.createTestingModule({ controllers })
    .useMocker(() => ({}))
    .compile();
  const app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  const routes: ServedRoute[] = [];
  app.getHttpAdapter().getInstance().addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      // Fastify adds a HEAD route for every GET by itself.
      if (method !== 'HEAD') routes.push({ method: method.toLowerCase(), path: route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}') });
    }
  });
  await app.init();
  try {
    return { routes, document: buildOpenApiDocument(app, info) };
  } finally {
    await app.close();
  }
}

// Served by every service outside the API document.
const OPERATIONAL_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** Served API routes the document leaves out (health and metrics endpoints aside). */
export function undocumentedRoutes(routes: readonly ServedRoute[], document: OpenAPIObject): ServedRoute[] {
  const paths = document.paths as Record<string, Record<string, unknown> | undefined>;
  return routes.filter((route) => !OPERATIONAL_PATHS.has(route.path) && paths[route.path]?.[route.method] === undefined);
}

/** Every operation of the document as `{method, path}`. */
export function documentedRoutes(document: OpenAPIObject): ServedRoute[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => (HTTP_METHODS as readonly string[]).includes(key))
      .map((method) => ({ method, path })),
  );
}
