/** How long a rotated-out secret keeps signing, so receivers can switch over without dropping requests (SPEC §3). */
export const PREVIOUS_SECRET_VALIDITY_MS = 24 * 60 * 60 * 1000;

/** A subscription's signing secrets, sealed: the part of it that rotation changes. */
export interface SigningSecrets {
  secretEnc: string;
  previousSecretEnc: string | null;
  previousSecretExpiresAt: Date | null;
}

/**
 * The secrets after rotating to `nextSecretEnc` at `now`: the current one is retired and keeps signing
 * for 24 h. Only two secrets ever sign, so a previous secret that is still valid is dropped at once —
 * the one just retired is what receivers were verifying with a moment ago.
 */
export function rotateSigningSecrets(secrets: SigningSecrets, nextSecretEnc: string, now: Date): SigningSecrets {
  return {
    secretEnc: nextSecretEnc,
    previousSecretEnc: secrets.secretEnc,
    previousSecretExpiresAt: new Date(now.getTime() + PREVIOUS_SECRET_VALIDITY_MS),
  };
}

/** When the previous secret stops signing, or null when none signs at `now` (same rule as the dispatcher). */
export function previousSecretExpiry(secrets: Omit<SigningSecrets, 'secretEnc'>, now: Date): Date | null {
  if (secrets.previousSecretEnc === null || secrets.previousSecretExpiresAt === null) return null;
  return secrets.previousSecretExpiresAt.getTime() > now.getTime() ? secrets.previousSecretExpiresAt : null;
}
