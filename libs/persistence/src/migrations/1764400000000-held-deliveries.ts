import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Held deliveries are counted for the held-deliveries gauge and released per subscription on enable. */
export class HeldDeliveries1764400000000 implements MigrationInterface {
  name = 'HeldDeliveries1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_deliveries_held" ON "deliveries" ("subscription_id") WHERE status = 'held'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_deliveries_held"`);
  }
}
