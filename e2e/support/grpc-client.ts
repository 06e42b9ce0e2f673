import { dirname, join } from 'node:path';
import {
  credentials,
  loadPackageDefinition,
  Metadata,
  type ChannelCredentials,
  type Client,
  type ClientDuplexStream,
  type GrpcObject,
  type ServiceError,
} from '@grpc/grpc-js';
import { loadSync, type Options } from '@grpc/proto-loader';
import { REGISTRY_GRPC_PACKAGE, registryProtoFiles, registryProtoLoaderOptions, registryProtoRoot } from '@hookline/contracts';
import { adminToken } from './api-client';
import { stack } from './stack';

/** The registry's gRPC services (SPEC §3), as `hookline.registry.v1.<name>`. */
export type RegistryGrpcService = 'TenantService' | 'ApiKeyService' | 'EventTypeService' | 'SubscriptionService' | 'DeliveryService';

// As a client would read answers: unset scalars, lists and maps filled with their defaults.
const clientOptions: Options = { ...registryProtoLoaderOptions, defaults: true, arrays: true, objects: true, includeDirs: [registryProtoRoot()] };

type UnaryCallback = (error: ServiceError | null, response?: unknown) => void;
type UnaryMethod = (request: object, metadata: Metadata, options: { deadline: number }, callback: UnaryCallback) => unknown;
type ClientConstructor<C extends Client = Client> = new (address: string, creds: ChannelCredentials) => C;

/** The constructor at a dotted path of a loaded package, e.g. `hookline.registry.v1.TenantService`. */
function clientAt<C extends Client>(root: GrpcObject, path: string): ClientConstructor<C> {
  let node: unknown = root;
  for (const part of path.split('.')) {
    node = (typeof node === 'object' && node !== null) || typeof node === 'function' ? (node as Record<string, unknown>)[part] : undefined;
  }
  if (typeof node !== 'function') throw new Error(`${path} is not in the .proto files`);
  return node as ClientConstructor<C>;
}

let registryPackage: GrpcObject | undefined;

/** One gRPC service of the running registry, called with one bearer token (or none). */
export class GrpcServiceClient {
  private readonly client: Client;

  /** `target` is `host:port`; the stack's registry unless given (a spec's own replica). */
  constructor(
    readonly service: RegistryGrpcService,
    readonly token: string | undefined,
    target: string = stack().grpc,
  ) {
    registryPackage ??= loadPackageDefinition(loadSync(registryProtoFiles(), clientOptions));
    const Service = clientAt(registryPackage, `${REGISTRY_GRPC_PACKAGE}.${service}`);
    this.client = new Service(target, credentials.createInsecure());
  }

  /** Calls a unary RPC; rejects with the ServiceError the server answered. */
  call<T = Record<string, unknown>>(rpc: string, request: object = {}): Promise<T> {
    const method = (this.client as unknown as Record<string, UnaryMethod | undefined>)[rpc];
    if (method === undefined) return Promise.reject(new Error(`${this.service} has no RPC ${rpc}`));
    const metadata = new Metadata();
    if (this.token !== undefined) metadata.set('authorization', `Bearer ${this.token}`);
    return new Promise<T>((resolve, reject) => {
      method.call(this.client, request, metadata, { deadline: Date.now() + 15000 }, (error, response) => {
        if (error !== null) reject(error);
        else resolve(response as T);
      });
    });
  }

  close(): void {
    this.client.close();
  }
}

/** The error a call was refused with; fails when it succeeded. */
export async function grpcError(call: Promise<unknown>): Promise<ServiceError> {
  const outcome = await call.then(
    (response: unknown) => ({ response }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected the call to fail, it answered ${JSON.stringify(outcome.response)}`);
  if (!(outcome.error instanceof Error) || !('code' in outcome.error)) throw outcome.error;
  return outcome.error as ServiceError;
}

/** The problem document of the `hookline-problem` trailer of a refused call. */
export function problemOf(error: ServiceError): { status: number; detail: string; errors?: { field: string; message: string }[] } {
  const [text] = error.metadata.get('hookline-problem');
  if (typeof text !== 'string') throw new Error(`no hookline-problem trailer on: ${error.message}`);
  return JSON.parse(text) as { status: number; detail: string; errors?: { field: string; message: string }[] };
}

/** Every service of the registry, called with one tenant's API key (or the admin token, or none). */
export class RegistryGrpc {
  readonly tenants: GrpcServiceClient;
  readonly apiKeys: GrpcServiceClient;
  readonly eventTypes: GrpcServiceClient;
  readonly subscriptions: GrpcServiceClient;
  readonly deliveries: GrpcServiceClient;

  constructor(token: string | undefined) {
    this.tenants = new GrpcServiceClient('TenantService', token);
    this.apiKeys = new GrpcServiceClient('ApiKeyService', token);
    this.eventTypes = new GrpcServiceClient('EventTypeService', token);
    this.subscriptions = new GrpcServiceClient('SubscriptionService', token);
    this.deliveries = new GrpcServiceClient('DeliveryService', token);
  }

  close(): void {
    for (const client of [this.tenants, this.apiKeys, this.eventTypes, this.subscriptions, this.deliveries]) client.close();
  }
}

export const adminGrpc = (): RegistryGrpc => new RegistryGrpc(adminToken());

interface ListServicesAnswer {
  listServicesResponse?: { service?: { name: string }[] };
  errorResponse?: { errorCode: number; errorMessage: string };
}

/** The services the registry lists through server reflection (v1), as a tool such as grpcurl asks. */
export async function reflectedServices(): Promise<string[]> {
  const protoDir = join(dirname(require.resolve('@grpc/reflection/package.json')), 'build', 'proto');
  const definition = loadSync('grpc/reflection/v1/reflection.proto', { keepCase: false, defaults: true, arrays: true, includeDirs: [protoDir] });
  const Reflection = clientAt<Client & { ServerReflectionInfo(): ClientDuplexStream<object, ListServicesAnswer> }>(
    loadPackageDefinition(definition),
    'grpc.reflection.v1.ServerReflection',
  );
  const client = new Reflection(stack().grpc, credentials.createInsecure());
  try {
    const answer = await new Promise<ListServicesAnswer>((resolve, reject) => {
      const call = client.ServerReflectionInfo();
      call.once('data', (data: ListServicesAnswer) => {
        resolve(data);
        call.end();
      });
      call.once('error', reject);
      call.write({ listServices: '*' });
    });
    if (answer.errorResponse !== undefined) throw new Error(`reflection refused: ${answer.errorResponse.errorMessage}`);
    return (answer.listServicesResponse?.service ?? []).map((service) => service.name);
  } finally {
    client.close();
  }
}

/** A JSON object as the `google.protobuf.Struct` message a proto-loader client sends. */
export function structOf(object: Record<string, unknown>): { fields: Record<string, unknown> } {
  return { fields: Object.fromEntries(Object.entries(object).map(([key, value]) => [key, protobufValueOf(value)])) };
}

/** Any JSON value as the `google.protobuf.Value` message a proto-loader client sends. */
export function protobufValueOf(value: unknown): Record<string, unknown> {
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (Array.isArray(value)) return { listValue: { values: value.map(protobufValueOf) } };
  if (typeof value === 'object' && value !== null) return { structValue: structOf(value as Record<string, unknown>) };
  return { nullValue: 'NULL_VALUE' };
}
