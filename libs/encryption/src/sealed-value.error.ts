/** Why a sealed value could not be opened; deliberately vague about which byte was wrong. */
export type SealedValueErrorReason = 'malformed' | 'unsupported_version' | 'authentication_failed';

export class SealedValueError extends Error {
  constructor(readonly reason: SealedValueErrorReason, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SealedValueError';
  }
}
