export { SECRET_BOX_KEY_BYTES, SecretBox } from './secret-box.cipher';
export { SealedValueError, type SealedValueErrorReason } from './sealed-value.error';
export { maskSecretValue } from './secret-mask.util';
