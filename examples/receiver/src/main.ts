import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signWebhook } from '@hookline/sdk';
import { createWebhookHandler } from './webhook-receiver.handler';

/**
 * An example webhook endpoint for Hookline. Environment:
 * - HOOKLINE_WEBHOOK_SECRET: the subscription's signing secret; several, comma-separated, while rotating
 * - PORT (default 9000), HOST (default 127.0.0.1)
 */
function secretsFromEnv(value: string | undefined): string[] {
  const secrets = (value ?? '').split(',').map((secret) => secret.trim()).filter((secret) => secret !== '');
  if (secrets.length === 0) throw new Error('HOOKLINE_WEBHOOK_SECRET is not set: give the subscription\'s "whsec_…" secret (several comma-separated while rotating)');
  // Signing once checks every secret's format now rather than on the first request.
  signWebhook(secrets, 'start-up', 0, '');
  return secrets;
}

function portFromEnv(value: string | undefined): number {
  const port = Number(value ?? '9000');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${value}"`);
  return port;
}

function main(): void {
  const secrets = secretsFromEnv(process.env.HOOKLINE_WEBHOOK_SECRET);
  const port = portFromEnv(process.env.PORT);
  const host = process.env.HOST ?? '127.0.0.1';
  const server = createServer(
    createWebhookHandler({
      secrets,
      onEvent: (event, { webhookId, index }) => {
        console.log(`${webhookId}#${index} ${event.type} ${event.id} ${JSON.stringify(event.data)}`);
      },
    }),
  );
  server.listen(port, host, () => {
    const { port: bound } = server.address() as AddressInfo;
    console.log(`receiving Hookline webhooks on http://${host}:${bound}/ (${secrets.length} secret${secrets.length === 1 ? '' : 's'})`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
