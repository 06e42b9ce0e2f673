import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { ServiceMetrics } from './metrics';
import { runReadinessChecks, type ReadinessCheck, type ReadinessReport } from './readiness';

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
export const SERVICE_METRICS = Symbol('SERVICE_METRICS');

const readinessReportSchema = {
  type: 'object',
  required: ['ready', 'checks'],
  properties: {
    ready: { type: 'boolean' },
    checks: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['status'],
        properties: { status: { type: 'string', enum: ['up', 'down'] }, error: { type: 'string' } },
      },
    },
  },
};

/** Operational endpoints, documented with the API so probes and scrapers know what they answer. */
@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
    @Inject(SERVICE_METRICS) private readonly metrics: ServiceMetrics,
  ) {}

  @Get('healthz')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiResponse({
    status: 200,
    description: 'Alive',
    content: { 'application/json': { schema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } } } },
  })
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  @ApiOperation({ summary: 'Readiness: Kafka and Postgres reachable' })
  @ApiResponse({ status: 200, description: 'Ready', content: { 'application/json': { schema: readinessReportSchema } } })
  @ApiResponse({ status: 503, description: 'Not ready; `checks` names what is down', content: { 'application/json': { schema: readinessReportSchema } } })
  async readyz(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport> {
    const report = await this.checkDependencies();
    void reply.status(report.ready ? 200 : 503);
    return report;
  }

  @Get('metrics')
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format)' })
  @ApiResponse({ status: 200, description: 'Every hookline_ series of this service', content: { 'text/plain': { schema: { type: 'string' } } } })
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
