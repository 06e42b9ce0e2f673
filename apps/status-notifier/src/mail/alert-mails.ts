import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TENANT_LOCALES } from '@hookline/contracts';
import { AlertMailEntity, TenantEntity, type SubscriptionEntity, type SubscriptionHealthEntity } from '@hookline/persistence';
import { Wakeup } from '@hookline/service-runtime';
import type { Trip } from '../health/endpoint-health';
import { renderDisabledMail } from './disabled-mail';
import { MAIL_OPTIONS, type MailOptions } from './mail.options';

/** At most one alert mail per subscription in this long (SPEC §6). */
export const MAIL_INTERVAL_MS = 60 * 60 * 1000;

/** Decides whether an auto-disable is mailed, and queues the mail in the caller's transaction. */
@Injectable()
export class AlertMails {
  /** Woken on every `queued()`, so the sender does not wait for its next poll. */
  readonly wakeup = new Wakeup();

  constructor(@Inject(MAIL_OPTIONS) private readonly options: MailOptions) {}

  /**
   * Queues the mail unless mail is off, the tenant has no alert address, or this subscription was
   * mailed less than an hour ago. Updates `health.lastMailAt`, which the caller stores.
   */
  async queueDisabledMail(
    manager: EntityManager,
    subscription: SubscriptionEntity,
    health: SubscriptionHealthEntity,
    trip: Trip,
    now: Date,
  ): Promise<boolean> {
    if (!this.options.enabled) return false;
    if (health.lastMailAt !== null && now.getTime() - health.lastMailAt.getTime() < MAIL_INTERVAL_MS) return false;
    const tenant = await manager.findOneBy(TenantEntity, { id: subscription.tenantId });
    if (tenant === null || tenant.alertEmail === null || tenant.alertEmail === '') return false;
    const mail = renderDisabledMail({
      locale: TENANT_LOCALES.find((locale) => locale === tenant.locale) ?? 'en',
      tenantName: tenant.name,
      subscriptionId: subscription.id,
      subscriptionName: subscription.name,
      url: subscription.url,
      reason: trip.reason,
      failureCount: trip.failureCount,
      failureWindowSeconds: subscription.failureWindowSeconds,
      lastStatusCode: trip.statusCode,
      lastError: trip.error,
      disabledAt: subscription.disabledAt ?? now,
      apiBaseUrl: this.options.apiBaseUrl,
    });
    await manager.insert(AlertMailEntity, {
      tenantId: tenant.id,
      subscriptionId: subscription.id,
      recipient: tenant.alertEmail,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html,
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      sentAt: null,
      failedAt: null,
    });
    health.lastMailAt = now;
    return true;
  }

  /** Call after the transaction that queued mail committed: wakes the sender. */
  queued(): void {
    this.wakeup.wake();
  }
}
