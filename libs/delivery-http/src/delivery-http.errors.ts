import type { AddressRange } from './address-range.util';

/** Why an attempt failed, coarse enough to drive retries, endpoint health and the delivery log. */
export const DeliveryErrorClass = {
  Timeout: 'timeout',
  ConnectionRefused: 'connection_refused',
  ConnectionReset: 'connection_reset',
  Dns: 'dns',
  Tls: 'tls',
  BlockedDestination: 'blocked_destination',
  HttpStatus: 'http_status',
  InvalidUrl: 'invalid_url',
  Network: 'network',
} as const;

export type DeliveryErrorClass = (typeof DeliveryErrorClass)[keyof typeof DeliveryErrorClass];

export const BLOCKED_DESTINATION_CODE = 'ERR_HOOKLINE_BLOCKED_DESTINATION';
export const DELIVERY_TIMEOUT_CODE = 'ERR_HOOKLINE_DELIVERY_TIMEOUT';

/** Raised at connect time when the address a request would reach is not allowed. */
export class BlockedDestinationError extends Error {
  readonly code = BLOCKED_DESTINATION_CODE;

  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly range: AddressRange,
  ) {
    super(
      hostname === address
        ? `Refused to connect to ${address}: not a public address (${range})`
        : `Refused to connect to ${hostname}: it resolves to ${address}, not a public address (${range})`,
    );
    this.name = 'BlockedDestinationError';
  }
}

/** The whole attempt (connect, headers and body) ran past its deadline. */
export class DeliveryTimeoutError extends Error {
  readonly code = DELIVERY_TIMEOUT_CODE;

  constructor(readonly timeoutMs: number) {
    super(`Request timed out after ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}
