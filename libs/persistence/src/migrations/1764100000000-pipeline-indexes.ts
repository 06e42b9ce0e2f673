import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lists page by id (ids sort by time), so the per-tenant and per-subscription indexes key on id; one
 * delivery per (event, subscription) makes fan-out idempotent when Kafka redelivers its input.
 */
export class PipelineIndexes1764100000000 implements MigrationInterface {
  name = 'PipelineIndexes1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_deliveries_event"`);
    await queryRunner.query(`DROP INDEX "ix_deliveries_tenant_created"`);
    await queryRunner.query(`DROP INDEX "ix_deliveries_subscription_created"`);
    await queryRunner.query(`DROP INDEX "ix_subscriptions_tenant_created"`);
    await queryRunner.query(`DROP INDEX "ix_events_tenant_received"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_deliveries_event_subscription" ON "deliveries" ("event_id", "subscription_id")`);
    await queryRunner.query(`CREATE INDEX "ix_deliveries_tenant_id" ON "deliveries" ("tenant_id", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_deliveries_subscription_id" ON "deliveries" ("subscription_id", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_subscriptions_tenant_id" ON "subscriptions" ("tenant_id", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_events_tenant_id" ON "events" ("tenant_id", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_events_tenant_id"`);
    await queryRunner.query(`DROP INDEX "ix_subscriptions_tenant_id"`);
    await queryRunner.query(`DROP INDEX "ix_deliveries_subscription_id"`);
    await queryRunner.query(`DROP INDEX "ix_deliveries_tenant_id"`);
    await queryRunner.query(`DROP INDEX "uq_deliveries_event_subscription"`);
    await queryRunner.query(`CREATE INDEX "ix_events_tenant_received" ON "events" ("tenant_id", "received_at")`);
    await queryRunner.query(`CREATE INDEX "ix_subscriptions_tenant_created" ON "subscriptions" ("tenant_id", "created_at")`);
    await queryRunner.query(`CREATE INDEX "ix_deliveries_subscription_created" ON "deliveries" ("subscription_id", "created_at")`);
    await queryRunner.query(`CREATE INDEX "ix_deliveries_tenant_created" ON "deliveries" ("tenant_id", "created_at")`);
    await queryRunner.query(`CREATE INDEX "ix_deliveries_event" ON "deliveries" ("event_id")`);
  }
}
