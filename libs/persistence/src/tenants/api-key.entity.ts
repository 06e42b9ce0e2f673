import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A tenant API key; only the SHA-256 of the token is kept, the token itself is shown once. */
@Entity({ name: 'api_keys' })
@Index('ix_api_keys_tenant', ['tenantId', 'createdAt'])
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Index('uq_api_keys_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  /** Last characters of the token, so a list can tell keys apart. */
  @Column({ name: 'token_hint', type: 'text' })
  tokenHint!: string;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
