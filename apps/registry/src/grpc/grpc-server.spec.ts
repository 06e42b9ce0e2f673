import { existsSync } from 'node:fs';
import { loadSync } from '@grpc/proto-loader';
import { Reflector } from '@nestjs/core';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { registryConfigSchema } from '@hookline/config';
import { AUTH_SCOPE_KEY, type AuthScope } from '@hookline/service-runtime';
import { REGISTRY_GRPC_PACKAGE, registryProtoFiles, registryProtoLoaderOptions, registryProtoRoot } from '@hookline/contracts';
import { ApiKeysGrpcController } from '../api-keys/api-keys.grpc-controller';
import { DeliveriesGrpcController } from '../deliveries/deliveries.grpc-controller';
import { EventTypesGrpcController } from '../event-types/event-types.grpc-controller';
import { SubscriptionsGrpcController } from '../subscriptions/subscriptions.grpc-controller';
import { TenantsGrpcController } from '../tenants/tenants.grpc-controller';
import { grpcAddress, registryGrpcOptions } from './grpc-server';

const controllers = [TenantsGrpcController, ApiKeysGrpcController, EventTypesGrpcController, SubscriptionsGrpcController, DeliveriesGrpcController];

/** `Service/Rpc` of every handler with the token scope the auth guard asks it for, handler before controller. */
function rpcScopes(): Record<string, AuthScope | undefined> {
  const reflector = new Reflector();
  return Object.fromEntries(
    controllers.flatMap((controller) =>
      Object.getOwnPropertyNames(controller.prototype).flatMap((key) => {
        const handler = controller.prototype[key as keyof typeof controller.prototype] as unknown as () => unknown;
        const patterns: unknown = Reflect.getMetadata(PATTERN_METADATA, handler);
        const scope = reflector.getAllAndOverride<AuthScope | undefined>(AUTH_SCOPE_KEY, [handler, controller]);
        return Array.isArray(patterns) ? patterns.map((pattern: { service: string; rpc: string }) => [`${pattern.service}/${pattern.rpc}`, scope] as const) : [];
      }),
    ),
  );
}

/** `Service/Rpc` of every handler the controllers declare. */
function handledRpcs(): string[] {
  return controllers.flatMap((controller) =>
    Object.getOwnPropertyNames(controller.prototype).flatMap((key) => {
      const patterns: unknown = Reflect.getMetadata(PATTERN_METADATA, controller.prototype[key as keyof typeof controller.prototype]);
      return Array.isArray(patterns) ? patterns.map((pattern: { service: string; rpc: string }) => `${pattern.service}/${pattern.rpc}`) : [];
    }),
  );
}

/** `Service/Rpc` of every RPC of the package, from the `.proto` files. */
function declaredRpcs(): string[] {
  const definition = loadSync(registryProtoFiles(), { ...registryProtoLoaderOptions, includeDirs: [registryProtoRoot()] });
  const prefix = `${REGISTRY_GRPC_PACKAGE}.`;
  return Object.entries(definition).flatMap(([name, type]) =>
    name.startsWith(prefix) && !('format' in type) ? Object.keys(type).map((rpc) => `${name.slice(prefix.length)}/${rpc}`) : [],
  );
}

describe('the gRPC API', () => {
  it('has the .proto files where the path helper says, under Jest as in dist/', () => {
    for (const file of registryProtoFiles()) expect(existsSync(file)).toBe(true);
  });

  it('handles every RPC of the .proto files, once, and nothing else', () => {
    const handled = handledRpcs();
    expect(handled.length).toBeGreaterThan(0);
    expect(new Set(handled).size).toBe(handled.length);
    expect([...handled].sort()).toEqual(declaredRpcs().sort());
  });

  it('asks the admin token for managing tenants and a tenant API key for everything else, GetCurrentTenant included', () => {
    const scopes = rpcScopes();
    expect(Object.values(scopes).every((scope) => scope === 'admin' || scope === 'tenant')).toBe(true);
    expect(Object.entries(scopes).filter(([, scope]) => scope === 'admin').map(([rpc]) => rpc).sort()).toEqual(['TenantService/CreateTenant', 'TenantService/ListTenants']);
    expect(scopes['TenantService/GetCurrentTenant']).toBe('tenant');
  });

  it('listens on the HTTP host and the gRPC port', () => {
    const config = registryConfigSchema.parse({
      DATABASE_URL: 'postgres://hookline@127.0.0.1:1/hookline',
      HOOKLINE_ADMIN_TOKEN: 'admin-token-for-the-options',
      HOOKLINE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      HOOKLINE_HTTP_HOST: '127.0.0.1',
      HOOKLINE_GRPC_PORT: '15999',
    });
    expect(registryGrpcOptions(config).options).toMatchObject({ package: REGISTRY_GRPC_PACKAGE, url: '127.0.0.1:15999' });
  });

  it('puts an IPv6 host in brackets', () => {
    expect(grpcAddress('::', 50051)).toBe('[::]:50051');
    expect(grpcAddress('0.0.0.0', 50051)).toBe('0.0.0.0:50051');
  });
});
