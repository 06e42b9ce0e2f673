import { Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StatusNotifierConfig } from '@hookline/config';
import { SERVICE_METRICS, type ServiceMetrics } from '@hookline/observability';
import { Outbox, OutboxRelay, serviceRuntimeImports } from '@hookline/service-runtime';
import { AttemptsConsumer } from './health/attempts.consumer';
import { RecordAttemptsUseCase } from './health/record-attempts.usecase';
import { AlertMailSender } from './mail/alert-mail.sender';
import { AlertMails } from './mail/alert-mails';
import { MAIL_OPTIONS, type MailOptions } from './mail/mail.options';
import { MAIL_TRANSPORT, SmtpTransport, type MailTransport } from './mail/smtp-transport';
import { NotifierMetrics } from './notifier-metrics';

/** A transport for when mail is off: the sender never runs, so nothing reaches it. */
const noTransport: MailTransport = {
  send: () => Promise.reject(new Error('no SMTP server configured')),
  close: () => undefined,
};

@Module({})
export class StatusNotifierModule {
  static register(config: StatusNotifierConfig, metrics: ServiceMetrics): DynamicModule {
    const mail: MailOptions = {
      enabled: config.HOOKLINE_SMTP_URL !== undefined,
      from: config.HOOKLINE_MAIL_FROM,
      apiBaseUrl: config.HOOKLINE_PUBLIC_API_URL ?? null,
      pollIntervalMs: config.HOOKLINE_MAIL_POLL_INTERVAL_MS,
    };
    return {
      module: StatusNotifierModule,
      imports: serviceRuntimeImports('status-notifier', config, metrics),
      providers: [
        { provide: MAIL_OPTIONS, useValue: mail },
        { provide: MAIL_TRANSPORT, useFactory: () => (config.HOOKLINE_SMTP_URL === undefined ? noTransport : new SmtpTransport(config.HOOKLINE_SMTP_URL)) },
        {
          provide: NotifierMetrics,
          useFactory: (registry: ServiceMetrics, dataSource: DataSource) => new NotifierMetrics(registry, dataSource),
          inject: [SERVICE_METRICS, DataSource],
        },
        // The notifier publishes the subscription states and events it writes itself, so an
        // auto-disable reaches the dispatchers even while the registry is down.
        Outbox,
        OutboxRelay,
        AlertMails,
        AlertMailSender,
        RecordAttemptsUseCase,
        AttemptsConsumer,
      ],
    };
  }
}
