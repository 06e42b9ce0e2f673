import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Held deliveries are counted for the held-deliveries gauge and released per subscription on enable;
 * an event keeps the trace context it came with, so retries of its deliveries continue that trace.
 */
export class HeldDeliveries1764400000000 implements MigrationInterface {
  name = 'HeldDeliveries1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "events" ADD "traceparent" text`);
    await queryRunner.query(`CREATE INDEX "ix_deliveries_held" ON "deliveries" ("subscription_id") WHERE status = 'held'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_deliveries_held"`);
    await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "traceparent"`);
  }
}
