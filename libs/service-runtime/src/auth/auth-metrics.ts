import { Counter } from 'prom-client';
import { METRIC_PREFIX, type ServiceMetrics } from '@hookline/observability';
import { AuthFailureReasons, type AuthFailureReason } from './authentication-failure.problem';

/** Refused authentications, over REST and gRPC alike. Labels take a small fixed set of values. */
export class AuthMetrics {
  private readonly failures: Counter<'reason'>;
  private readonly throttled: Counter;

  constructor(metrics: ServiceMetrics) {
    const registers = [metrics.registry];
    this.failures = new Counter({
      name: `${METRIC_PREFIX}auth_failures_total`,
      help: 'Requests refused 401, by reason: missing_token, invalid_admin_token, invalid_api_key (unknown, revoked or malformed)',
      labelNames: ['reason'],
      registers,
    });
    this.throttled = new Counter({
      name: `${METRIC_PREFIX}auth_throttled_total`,
      help: 'Requests refused 429 without checking their token, because their address had too many failed authentications',
      registers,
    });
    // Every reason is exported from the start, so a rate over it is 0 rather than absent.
    for (const reason of AuthFailureReasons) this.failures.inc({ reason }, 0);
  }

  failure(reason: AuthFailureReason): void {
    this.failures.inc({ reason });
  }

  throttle(): void {
    this.throttled.inc();
  }
}
