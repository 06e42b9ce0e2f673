import { join } from 'node:path';

/** The protobuf package of the registry's gRPC API (SPEC §3). */
export const REGISTRY_GRPC_PACKAGE = 'hookline.registry.v1';

/**
 * The directory the registry's `.proto` files are imported from. It sits beside `src/` both in the
 * sources and in `dist/` (the build copies `.proto` files next to the compiled code), so one relative
 * path serves Jest, ts and the built services.
 */
export const registryProtoRoot = (): string => join(__dirname, '..', 'proto');

const protoFiles = ['tenants', 'api_keys', 'event_types', 'subscriptions', 'deliveries'].map(
  (name) => `hookline/registry/v1/${name}.proto`,
);

/** Absolute paths of every `.proto` file of the registry's API. */
export const registryProtoFiles = (): string[] => protoFiles.map((file) => join(registryProtoRoot(), file));

/**
 * How the server loads the files, and how a Node client should: fields in lowerCamelCase (the names of
 * the REST JSON, so one zod input parses both), unset fields left out rather than filled with zeros (so
 * "not given" stays distinguishable), and no virtual oneof keys (proto3 `optional` fields would add
 * `_name` properties).
 */
export const registryProtoLoaderOptions = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: false,
  arrays: false,
  objects: false,
  oneofs: false,
} as const;
