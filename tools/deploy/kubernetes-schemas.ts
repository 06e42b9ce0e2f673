import { z } from 'zod';

/**
 * Turns the Kubernetes OpenAPI document and CustomResourceDefinitions into the JSON schemas
 * kubeconform reads from a local directory: one self-contained file per kind, strict (no property
 * the API does not define), named as kubeconform's `{{ .ResourceKind }}{{ .KindSuffix }}.json` expects.
 */
export type JsonSchema = { [keyword: string]: unknown };

const schemaNode = z.record(z.string(), z.unknown());

const groupVersionKind = z.object({ group: z.string(), version: z.string(), kind: z.string() });

export const openApiDocumentSchema = z.object({
  definitions: z.record(z.string(), schemaNode),
});
export type OpenApiDocument = z.infer<typeof openApiDocumentSchema>;

export const customResourceDefinitionSchema = z.object({
  kind: z.literal('CustomResourceDefinition'),
  spec: z.object({
    group: z.string(),
    names: z.object({ kind: z.string() }),
    versions: z.array(
      z.object({
        name: z.string(),
        served: z.boolean(),
        schema: z.object({ openAPIV3Schema: schemaNode }),
      }),
    ),
  }),
});
export type CustomResourceDefinition = z.infer<typeof customResourceDefinitionSchema>;

const objectMetaRef = '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const definitionRef = /^#\/definitions\/(.+)$/;

/** The file kubeconform looks for, mirroring how it derives `KindSuffix` from an apiVersion. */
export function schemaFileName(apiVersion: string, kind: string): string {
  const [groupOrVersion, version] = apiVersion.split('/');
  let suffix = `-${groupOrVersion!.split('.')[0]!.toLowerCase()}`;
  if (version !== undefined) suffix += `-${version.toLowerCase()}`;
  return `${kind.toLowerCase()}${suffix}.json`;
}

const apiVersionOf = (group: string, version: string) => (group === '' ? version : `${group}/${version}`);

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

interface TightenOptions {
  /** The built-in API accepts null for any field (it means "unset"); a CRD only where `nullable`. */
  nullEverywhere: boolean;
}

/**
 * Strict copy of one schema node: objects with declared properties reject others, int-or-string
 * becomes a real union, and documentation and vendor extensions are dropped to keep files small.
 */
function tighten(node: JsonSchema, options: TightenOptions): JsonSchema {
  const out: JsonSchema = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (keyword === 'description' || keyword === 'default' || keyword === 'nullable' || keyword.startsWith('x-')) continue;
    if (keyword === 'properties' && isSchema(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, property]) => [name, isSchema(property) ? tighten(property, options) : property]),
      );
    } else if ((keyword === 'items' || keyword === 'additionalProperties' || keyword === 'not') && isSchema(value)) {
      out[keyword] = tighten(value, options);
    } else if ((keyword === 'allOf' || keyword === 'anyOf' || keyword === 'oneOf' || keyword === 'items') && Array.isArray(value)) {
      out[keyword] = value.map((entry: unknown) => (isSchema(entry) ? tighten(entry, options) : entry));
    } else {
      out[keyword] = value;
    }
  }
  const intOrString = node.format === 'int-or-string' || node['x-kubernetes-int-or-string'] === true;
  if (intOrString && out.anyOf === undefined && out.oneOf === undefined) {
    delete out.type;
    delete out.format;
    out.oneOf = [{ type: 'string' }, { type: 'integer' }];
  }
  if (out.properties !== undefined && out.additionalProperties === undefined && node['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  const nullable = options.nullEverywhere || node.nullable === true;
  if (nullable && typeof out.type === 'string') out.type = [out.type, 'null'];
  if (nullable && Array.isArray(out.oneOf) && intOrString) out.oneOf = [...(out.oneOf as unknown[]), { type: 'null' }];
  return out;
}

/** The API's definitions, tightened; Quantity also takes numbers, as the API server does (`cpu: 1`). */
function tightenedDefinitions(document: OpenApiDocument): Map<string, JsonSchema> {
  const definitions = new Map<string, JsonSchema>();
  for (const [name, definition] of Object.entries(document.definitions)) {
    definitions.set(name, tighten(definition, { nullEverywhere: true }));
  }
  definitions.set('io.k8s.apimachinery.pkg.api.resource.Quantity', {
    oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'null' }],
  });
  return definitions;
}

function collectRefs(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const entry of value) collectRefs(entry, into);
  } else if (isSchema(value)) {
    for (const [keyword, entry] of Object.entries(value)) {
      const match = keyword === '$ref' && typeof entry === 'string' ? definitionRef.exec(entry) : null;
      if (match) into.add(match[1]!);
      else collectRefs(entry, into);
    }
  }
}

/** `root` plus every definition it reaches, so each file validates on its own. */
function selfContained(root: JsonSchema, definitions: Map<string, JsonSchema>): JsonSchema {
  const reached = new Map<string, JsonSchema>();
  const pending = new Set<string>();
  collectRefs(root, pending);
  while (pending.size > 0) {
    const [name] = pending;
    pending.delete(name!);
    if (reached.has(name!)) continue;
    const definition = definitions.get(name!);
    if (definition === undefined) throw new Error(`schema refers to the unknown definition ${name}`);
    reached.set(name!, definition);
    const refs = new Set<string>();
    collectRefs(definition, refs);
    for (const ref of refs) if (!reached.has(ref)) pending.add(ref);
  }
  return reached.size === 0 ? root : { ...root, definitions: Object.fromEntries(reached) };
}

/** Pins `apiVersion` and `kind`, so a schema only accepts the kind it was written for. */
function forKind(root: JsonSchema, apiVersion: string, kind: string): JsonSchema {
  const properties = isSchema(root.properties) ? root.properties : {};
  return {
    ...root,
    type: 'object',
    properties: {
      ...properties,
      apiVersion: { type: 'string', enum: [apiVersion] },
      kind: { type: 'string', enum: [kind] },
    },
  };
}

/** One schema per group/version/kind the API serves, keyed by file name. */
export function kubernetesSchemas(document: OpenApiDocument): Map<string, JsonSchema> {
  const definitions = tightenedDefinitions(document);
  const files = new Map<string, JsonSchema>();
  for (const [name, definition] of Object.entries(document.definitions)) {
    const kinds = z.array(groupVersionKind).safeParse(definition['x-kubernetes-group-version-kind']);
    if (!kinds.success) continue;
    for (const { group, version, kind } of kinds.data) {
      const apiVersion = apiVersionOf(group, version);
      const file = schemaFileName(apiVersion, kind);
      // The same kind listed under several definitions (DeleteOptions, WatchEvent) keeps its first.
      if (files.has(file)) continue;
      files.set(file, selfContained(forKind(definitions.get(name)!, apiVersion, kind), definitions));
    }
  }
  return files;
}

/** One schema per served version of a CRD; `metadata` is the API's ObjectMeta, which CRDs leave open. */
export function customResourceSchemas(crd: CustomResourceDefinition, document: OpenApiDocument): Map<string, JsonSchema> {
  const definitions = tightenedDefinitions(document);
  const { group, names } = crd.spec;
  const files = new Map<string, JsonSchema>();
  for (const version of crd.spec.versions.filter((entry) => entry.served)) {
    const apiVersion = apiVersionOf(group, version.name);
    const root = tighten(version.schema.openAPIV3Schema, { nullEverywhere: false });
    const properties = isSchema(root.properties) ? root.properties : {};
    const withMetadata = { ...root, properties: { ...properties, metadata: { $ref: objectMetaRef } } };
    files.set(schemaFileName(apiVersion, names.kind), selfContained(forKind(withMetadata, apiVersion, names.kind), definitions));
  }
  return files;
}
