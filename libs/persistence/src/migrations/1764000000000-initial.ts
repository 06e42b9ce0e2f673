import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tenants, keys, the event catalog, subscriptions, events, deliveries, attempts and the outbox. */
export class Initial1764000000000 implements MigrationInterface {
  name = 'Initial1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "api_keys" ("id" text NOT NULL, "tenant_id" text NOT NULL, "name" text NOT NULL, "token_hash" text NOT NULL, "token_hint" text NOT NULL, "last_used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_keys_token_hash" ON "api_keys" ("token_hash")`);
    await queryRunner.query(`CREATE INDEX "ix_api_keys_tenant" ON "api_keys" ("tenant_id", "created_at")`);
    await queryRunner.query(`CREATE TABLE "tenants" ("id" text NOT NULL, "name" text NOT NULL, "alert_email" text, "locale" text NOT NULL DEFAULT 'en', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_53be67a04681c66b87ee27c9321" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "events" ("id" text NOT NULL, "tenant_id" text NOT NULL, "type" text NOT NULL, "data" jsonb NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "idempotency_key" text, CONSTRAINT "PK_40731c7151fe4be3116e45ddf73" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_events_tenant_type_received" ON "events" ("tenant_id", "type", "received_at")`);
    await queryRunner.query(`CREATE INDEX "ix_events_tenant_received" ON "events" ("tenant_id", "received_at")`);
    await queryRunner.query(`CREATE TABLE "event_types" ("tenant_id" text NOT NULL, "name" text NOT NULL, "description" text, "schema" jsonb, "archived_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_742d712245480eec9ea52303c2f" PRIMARY KEY ("tenant_id", "name"))`);
    await queryRunner.query(`CREATE TABLE "event_idempotency_keys" ("tenant_id" text NOT NULL, "key" text NOT NULL, "event_id" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_1cd5e71cc64d878f1fd0d8aba7c" PRIMARY KEY ("tenant_id", "key"))`);
    await queryRunner.query(`CREATE INDEX "ix_event_idempotency_keys_expires" ON "event_idempotency_keys" ("expires_at")`);
    await queryRunner.query(`CREATE TABLE "subscriptions" ("id" text NOT NULL, "tenant_id" text NOT NULL, "name" text NOT NULL, "description" text, "url" text NOT NULL, "event_types" text array NOT NULL, "policy" jsonb NOT NULL, "ordering" text NOT NULL, "max_in_flight" integer NOT NULL, "rate_limit_per_second" integer, "timeout_ms" integer NOT NULL, "retry_schedule" integer array NOT NULL, "authorization_enc" text, "headers" jsonb NOT NULL, "secret_enc" text NOT NULL, "previous_secret_enc" text, "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE, "failure_threshold" integer NOT NULL, "failure_window_seconds" integer NOT NULL, "status" text NOT NULL, "disabled_reason" text, "disabled_at" TIMESTAMP WITH TIME ZONE, "revision" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a87248d73155605cf782be9ee5e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_subscriptions_tenant_created" ON "subscriptions" ("tenant_id", "created_at")`);
    await queryRunner.query(`CREATE TABLE "deliveries" ("id" text NOT NULL, "tenant_id" text NOT NULL, "event_id" text NOT NULL, "event_type" text NOT NULL, "subscription_id" text NOT NULL, "status" text NOT NULL, "attempt_count" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "last_status_code" integer, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a6ef225c5c5f0974e503bfb731f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_deliveries_due" ON "deliveries" ("next_attempt_at") WHERE status = 'retrying'`);
    await queryRunner.query(`CREATE INDEX "ix_deliveries_event" ON "deliveries" ("event_id")`);
    await queryRunner.query(`CREATE INDEX "ix_deliveries_tenant_created" ON "deliveries" ("tenant_id", "created_at")`);
    await queryRunner.query(`CREATE INDEX "ix_deliveries_subscription_created" ON "deliveries" ("subscription_id", "created_at")`);
    await queryRunner.query(`CREATE TABLE "attempts" ("id" text NOT NULL, "delivery_id" text NOT NULL, "tenant_id" text NOT NULL, "subscription_id" text NOT NULL, "number" integer NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_ms" integer NOT NULL, "status_code" integer, "error" text, "response_body" text, CONSTRAINT "PK_295ca261e361fd2fd217754dcac" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_attempts_subscription_started" ON "attempts" ("subscription_id", "started_at")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_attempts_delivery_number" ON "attempts" ("delivery_id", "number")`);
    await queryRunner.query(`CREATE TABLE "outbox_messages" ("id" BIGSERIAL NOT NULL, "topic" text NOT NULL, "key" text, "value" text, "headers" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0171348f527c64b137e4d4f5b66" PRIMARY KEY ("id"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "outbox_messages"`);
    await queryRunner.query(`DROP INDEX "uq_attempts_delivery_number"`);
    await queryRunner.query(`DROP INDEX "ix_attempts_subscription_started"`);
    await queryRunner.query(`DROP TABLE "attempts"`);
    await queryRunner.query(`DROP INDEX "ix_deliveries_subscription_created"`);
    await queryRunner.query(`DROP INDEX "ix_deliveries_tenant_created"`);
    await queryRunner.query(`DROP INDEX "ix_deliveries_event"`);
    await queryRunner.query(`DROP INDEX "ix_deliveries_due"`);
    await queryRunner.query(`DROP TABLE "deliveries"`);
    await queryRunner.query(`DROP INDEX "ix_subscriptions_tenant_created"`);
    await queryRunner.query(`DROP TABLE "subscriptions"`);
    await queryRunner.query(`DROP INDEX "ix_event_idempotency_keys_expires"`);
    await queryRunner.query(`DROP TABLE "event_idempotency_keys"`);
    await queryRunner.query(`DROP TABLE "event_types"`);
    await queryRunner.query(`DROP INDEX "ix_events_tenant_received"`);
    await queryRunner.query(`DROP INDEX "ix_events_tenant_type_received"`);
    await queryRunner.query(`DROP TABLE "events"`);
    await queryRunner.query(`DROP TABLE "tenants"`);
    await queryRunner.query(`DROP INDEX "ix_api_keys_tenant"`);
    await queryRunner.query(`DROP INDEX "uq_api_keys_token_hash"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
  }
}
