import { DEFAULT_DAILY_AUTO_CAP, type Config } from '../../../config.js';

/** Why a desk without DESKSIDE_SMTP_URL keeps its mail but sends none (decision 0023). */
export const NOT_SENDING = 'DESKSIDE_SMTP_URL is not set: mail is recorded, not sent';

/** What a ticket write needs to compose the desk's mail: who it is from, our domain, links, the clock's zone. */
export interface MailOrigin {
  from: string;
  domain: string;
  publicUrl: string;
  timeZone: string;
  /** False without DESKSIDE_SMTP_URL: messages are then recorded as skipped and no job is queued. */
  sending: boolean;
  /** Automatic mails one person gets per 24 hours at most; more are recorded as skipped. */
  dailyAutoCap: number;
}

/** The desk's mail origin from its configuration. */
export function mailOriginOf(config: Config): MailOrigin {
  return {
    from: config.mail.from,
    domain: config.mail.domain,
    publicUrl: config.publicUrl,
    timeZone: config.timeZone,
    sending: Boolean(config.mail.smtpUrl),
    dailyAutoCap: config.mail.dailyAutoCap ?? DEFAULT_DAILY_AUTO_CAP,
  };
}
