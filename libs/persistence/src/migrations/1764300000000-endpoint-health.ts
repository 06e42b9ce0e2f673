import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the status notifier keeps per subscription (its failure window, last outcomes, the alarm it
 * raised and when it last mailed) and the alert e-mails it still has to send.
 */
export class EndpointHealth1764300000000 implements MigrationInterface {
  name = 'EndpointHealth1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "subscription_health" ("subscription_id" text NOT NULL, "tenant_id" text NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE, "last_success_at" TIMESTAMP WITH TIME ZONE, "last_failure_at" TIMESTAMP WITH TIME ZONE, "failing_since" TIMESTAMP WITH TIME ZONE, "last_status_code" integer, "last_error" text, "alarm" text, "alarm_at" TIMESTAMP WITH TIME ZONE, "last_mail_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_46591283fcaa774d044c9997f90" PRIMARY KEY ("subscription_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "subscription_failures" ("subscription_id" text NOT NULL, "request_key" text NOT NULL, "failed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_c3ed307d05e7c97271cb08f583a" PRIMARY KEY ("subscription_id", "request_key"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_subscription_failures_time" ON "subscription_failures" ("subscription_id", "failed_at")`);
    await queryRunner.query(
      `CREATE TABLE "alert_mails" ("id" BIGSERIAL NOT NULL, "tenant_id" text NOT NULL, "subscription_id" text NOT NULL, "recipient" text NOT NULL, "subject" text NOT NULL, "text_body" text NOT NULL, "html_body" text NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_error" text, "sent_at" TIMESTAMP WITH TIME ZONE, "failed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_79b12f3bca5e90263a6431e096e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_alert_mails_subscription" ON "alert_mails" ("subscription_id", "created_at")`);
    await queryRunner.query(`CREATE INDEX "ix_alert_mails_due" ON "alert_mails" ("next_attempt_at") WHERE sent_at IS NULL AND failed_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_alert_mails_due"`);
    await queryRunner.query(`DROP INDEX "ix_alert_mails_subscription"`);
    await queryRunner.query(`DROP TABLE "alert_mails"`);
    await queryRunner.query(`DROP INDEX "ix_subscription_failures_time"`);
    await queryRunner.query(`DROP TABLE "subscription_failures"`);
    await queryRunner.query(`DROP TABLE "subscription_health"`);
  }
}
