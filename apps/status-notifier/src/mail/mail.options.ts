export const MAIL_OPTIONS = Symbol('MAIL_OPTIONS');

export interface MailOptions {
  /** False when no SMTP server is configured: nothing is queued. */
  enabled: boolean;
  from: string;
  /** Public base URL of the management API, for the re-enable instructions. */
  apiBaseUrl: string | null;
  pollIntervalMs: number;
}
