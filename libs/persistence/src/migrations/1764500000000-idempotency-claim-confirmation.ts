import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An idempotency key claimed by the REST API is unconfirmed until Kafka acknowledged its event: a
 * request that died in between must not make a retry look like a duplicate of an event that never
 * existed. Existing claims (and those the intake consumer makes) are confirmed.
 */
export class IdempotencyClaimConfirmation1764500000000 implements MigrationInterface {
  name = 'IdempotencyClaimConfirmation1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "event_idempotency_keys" ADD "confirmed" boolean NOT NULL DEFAULT true`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "event_idempotency_keys" DROP COLUMN "confirmed"`);
  }
}
