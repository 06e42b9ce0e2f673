import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What retries, ordering, batching and replay keep per delivery: its place in its subscription's send
 * queue (`queue_seq`, from one sequence so the order is total) and when that place was last handed to
 * the dispatchers, the batch it was last sent in (and its place in that body), and whether its death was reported as an event.
 */
export class DeliveryQueues1764200000000 implements MigrationInterface {
  name = 'DeliveryQueues1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE "delivery_queue_seq"`);
    await queryRunner.query(`ALTER TABLE "deliveries" ADD "queue_seq" bigint`);
    await queryRunner.query(`ALTER TABLE "deliveries" ADD "released_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "deliveries" ADD "batch_id" text`);
    await queryRunner.query(`ALTER TABLE "deliveries" ADD "batch_position" integer`);
    await queryRunner.query(`ALTER TABLE "deliveries" ADD "dead_reported_at" TIMESTAMP WITH TIME ZONE`);
    // Deaths from before this migration were never announced; announcing them now would be a surprise.
    await queryRunner.query(`UPDATE "deliveries" SET "dead_reported_at" = "updated_at" WHERE "status" = 'dead'`);
    await queryRunner.query(`CREATE INDEX "ix_deliveries_queue" ON "deliveries" ("subscription_id", "queue_seq") WHERE queue_seq IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_deliveries_batch" ON "deliveries" ("batch_id") WHERE batch_id IS NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "ix_deliveries_dead_unreported" ON "deliveries" ("updated_at") WHERE status = 'dead' AND dead_reported_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_deliveries_dead_unreported"`);
    await queryRunner.query(`DROP INDEX "ix_deliveries_batch"`);
    await queryRunner.query(`DROP INDEX "ix_deliveries_queue"`);
    await queryRunner.query(`ALTER TABLE "deliveries" DROP COLUMN "dead_reported_at"`);
    await queryRunner.query(`ALTER TABLE "deliveries" DROP COLUMN "batch_position"`);
    await queryRunner.query(`ALTER TABLE "deliveries" DROP COLUMN "batch_id"`);
    await queryRunner.query(`ALTER TABLE "deliveries" DROP COLUMN "released_at"`);
    await queryRunner.query(`ALTER TABLE "deliveries" DROP COLUMN "queue_seq"`);
    await queryRunner.query(`DROP SEQUENCE "delivery_queue_seq"`);
  }
}
