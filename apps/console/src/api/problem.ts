import { HooklineApiError, HooklineNetworkError, HooklineTimeoutError } from '@hookline/sdk/client';

/** Field errors of a problem document by field path (`policy.maxBatchSize`, `headers.X-Team`); the first message wins. */
export function fieldErrorsOf(error: unknown): Readonly<Record<string, string>> {
  if (!(error instanceof HooklineApiError)) return {};
  const byField: Record<string, string> = {};
  for (const fieldError of error.errors) {
    if (!(fieldError.field in byField)) byField[fieldError.field] = fieldError.message;
  }
  return byField;
}

/** The field errors under one prefix, so a sub-form can show `retrySchedule.3` beside its own input. */
export function fieldErrorsUnder(errors: Readonly<Record<string, string>>, prefix: string): Readonly<Record<string, string>> {
  const under: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    if (field === prefix || field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`)) under[field] = message;
  }
  return under;
}

export type FailureKind = 'unauthorized' | 'not-found' | 'throttled' | 'unavailable' | 'timeout' | 'network' | 'rejected' | 'unknown';

/** What went wrong, in the terms the console words its messages in. */
export function failureKindOf(error: unknown): FailureKind {
  if (error instanceof HooklineTimeoutError) return 'timeout';
  if (error instanceof HooklineNetworkError) return 'network';
  if (error instanceof HooklineApiError) {
    if (error.status === 401) return 'unauthorized';
    if (error.status === 404) return 'not-found';
    if (error.status === 429) return 'throttled';
    if (error.status >= 500) return 'unavailable';
    return 'rejected';
  }
  return 'unknown';
}

/** The API's own explanation, when it gave one. */
export function problemDetailOf(error: unknown): string | null {
  if (error instanceof HooklineApiError) return error.detail || error.title || null;
  return null;
}
