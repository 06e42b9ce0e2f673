import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BackgroundLoop } from '@hookline/service-runtime';
import { NotifierMetrics } from '../notifier-metrics';
import { AlertMails } from './alert-mails';
import { MAIL_OPTIONS, type MailOptions } from './mail.options';
import { MAIL_TRANSPORT, MailSendError, type MailTransport } from './smtp-transport';
import { nextMailAttempt } from './mail-retry';

const BATCH = 20;

interface MailRow {
  id: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
  created_at: Date;
}

/**
 * Sends queued alert mails. Each row is claimed with SKIP LOCKED, so replicas never send one twice at
 * once; a failure is retried with backoff until the server answers, for up to a day, or given up at
 * once when the server refuses the mail for good.
 */
@Injectable()
export class AlertMailSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertMailSender.name);
  private readonly loop: BackgroundLoop;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(MAIL_OPTIONS) private readonly options: MailOptions,
    @Inject(AlertMails) mails: AlertMails,
    @Inject(NotifierMetrics) private readonly metrics: NotifierMetrics,
  ) {
    this.loop = new BackgroundLoop({
      name: AlertMailSender.name,
      idleMs: options.pollIntervalMs,
      wakeup: mails.wakeup,
      pass: async () => (await this.sendDue()) === BATCH,
    });
  }

  onApplicationBootstrap(): void {
    if (!this.options.enabled) {
      this.logger.warn('HOOKLINE_SMTP_URL is not set: alert e-mails are off (operational events are still emitted)');
      return;
    }
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
    this.transport.close();
  }

  /** One pass over due mails; resolves with how many were handled. */
  async sendDue(): Promise<number> {
    if (!this.dataSource.isInitialized) return 0;
    // Claimed with a lease rather than a long transaction: a slow SMTP server holds no row locks, and a
    // sender that dies mid-pass leaves its mails due again when the lease ends.
    const rows = await this.dataSource.query<MailRow[]>(
      `WITH due AS (
         SELECT id FROM alert_mails
         WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE alert_mails m SET next_attempt_at = now() + interval '2 minutes'
         FROM due WHERE m.id = due.id
         RETURNING m.id, m.recipient, m.subject, m.text_body, m.html_body, m.attempts, m.created_at
       )
       SELECT * FROM claimed ORDER BY id`,
      [BATCH],
    );
    for (const row of rows) await this.sendOne(row);
    return rows.length;
  }

  private async sendOne(row: MailRow): Promise<void> {
    try {
      await this.transport.send({ from: this.options.from, to: row.recipient, subject: row.subject, text: row.text_body, html: row.html_body });
      await this.dataSource.query(`UPDATE alert_mails SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`, [row.id]);
      this.metrics.mails.inc({ result: 'sent' });
    } catch (error) {
      const permanent = error instanceof MailSendError && error.permanent;
      const next = nextMailAttempt(row.attempts + 1, row.created_at, new Date());
      const giveUp = permanent || next === null;
      await this.dataSource.query(
        `UPDATE alert_mails SET attempts = attempts + 1, last_error = $2, next_attempt_at = COALESCE($3, next_attempt_at),
                failed_at = CASE WHEN $4 THEN now() END
         WHERE id = $1`,
        [row.id, (error instanceof Error ? error.message : String(error)).slice(0, 1000), next, giveUp],
      );
      this.metrics.mails.inc({ result: giveUp ? 'failed' : 'retry' });
      if (giveUp || row.attempts === 0) this.logger.warn(`alert mail ${row.id} ${giveUp ? 'given up' : 'will be retried'}: ${String(error)}`);
    }
  }
}
