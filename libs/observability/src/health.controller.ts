import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ServiceMetrics } from './metrics';
import { runReadinessChecks, type ReadinessCheck, type ReadinessReport } from './readiness';

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
export const SERVICE_METRICS = Symbol('SERVICE_METRICS');

@Controller()
export class HealthController {
  constructor(
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
    @Inject(SERVICE_METRICS) private readonly metrics: ServiceMetrics,
  ) {}

  @Get('healthz')
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  async readyz(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport> {
    const report = await this.checkDependencies();
    void reply.status(report.ready ? 200 : 503);
    return report;
  }

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    // Checked on every scrape too, so `hookline_dependency_up` is current even where nothing probes /readyz.
    await this.checkDependencies();
    void reply.header('Content-Type', this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }

  private async checkDependencies(): Promise<ReadinessReport> {
    const report = await runReadinessChecks(this.checks);
    for (const [name, result] of Object.entries(report.checks)) {
      this.metrics.dependencyUp.set({ dependency: name }, result.status === 'up' ? 1 : 0);
    }
    return report;
  }
}
