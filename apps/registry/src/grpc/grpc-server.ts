import { Logger, type INestApplication } from '@nestjs/common';
import { Transport, type GrpcOptions } from '@nestjs/microservices';
import type { Server } from '@grpc/grpc-js';
import type { PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import type { RegistryConfig } from '@hookline/config';
import { REGISTRY_GRPC_PACKAGE, registryProtoFiles, registryProtoLoaderOptions, registryProtoRoot } from '@hookline/contracts';

// The REST API's body limit: no management request needs more.
const MAX_REQUEST_BYTES = 1024 * 1024;

/** `host:port`, with an IPv6 host in brackets. */
export function grpcAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The gRPC API's transport: the registry's `.proto` files, on HTTP's host, with server reflection. */
export function registryGrpcOptions(config: RegistryConfig): GrpcOptions {
  return {
    transport: Transport.GRPC,
    options: {
      package: REGISTRY_GRPC_PACKAGE,
      protoPath: registryProtoFiles(),
      loader: { ...registryProtoLoaderOptions, includeDirs: [registryProtoRoot()] },
      url: grpcAddress(config.HOOKLINE_HTTP_HOST, config.HOOKLINE_GRPC_PORT),
      maxReceiveMessageLength: MAX_REQUEST_BYTES,
      // Calls in flight finish when the service stops.
      gracefulShutdown: true,
      onLoadPackageDefinition: (definition: PackageDefinition, server: Server) => new ReflectionService(definition).addToServer(server),
    },
  };
}

/** Serves the management API over gRPC beside HTTP (SPEC §3); it starts and stops with the application. */
export function connectGrpcApi(app: INestApplication, config: RegistryConfig): void {
  app.connectMicroservice<GrpcOptions>(registryGrpcOptions(config));
  const address = grpcAddress(config.HOOKLINE_HTTP_HOST, config.HOOKLINE_GRPC_PORT);
  new Logger('grpc').log(`${REGISTRY_GRPC_PACKAGE} on ${address}, server reflection on`);
}
