import { z } from 'zod';
import { Id, IdParam, IsoDateTime } from './common.js';
import { Email } from './people.js';

/** How the desk talks to the IMAP server: implicit TLS (993), STARTTLS (143) or plain. */
export const MailboxTlsMode = z.enum(['tls', 'starttls', 'none']).meta({ id: 'MailboxTlsMode' });
export type MailboxTlsMode = z.infer<typeof MailboxTlsMode>;

/** What happens to a message at the source once its ticket or reply is committed. */
export const MailboxAfterFiling = z.enum(['flag', 'move']).meta({ id: 'MailboxAfterFiling' });
export type MailboxAfterFiling = z.infer<typeof MailboxAfterFiling>;

const Host = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(253)
  .regex(/^[A-Za-z0-9.\-:[\]]+$/, 'must be a host name or an IP address');
const Port = z.number().int().min(1, 'must be 1..65535').max(65535, 'must be 1..65535');
// Folder names are the server's; only control characters, which IMAP cannot quote, are refused.
const Folder = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200)
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters');
const Username = z.string().trim().min(1, 'must not be empty').max(320);
const Password = z.string().min(1, 'must not be empty').max(1000);

/** A new mailbox. `none` reaches only 127.0.0.1/localhost unless allowInsecure is set. */
export const CreateMailMailboxBody = z
  .strictObject({
    address: Email.describe('The desk address this mailbox represents, e.g. support@example.com'),
    host: Host,
    port: Port,
    tlsMode: MailboxTlsMode,
    allowInsecure: z.boolean().default(false).describe('Lets tlsMode "none" reach a host other than this machine: the password then crosses the network in clear'),
    username: Username,
    password: Password.describe('Write-only: never returned'),
    folder: Folder.default('INBOX'),
    afterFiling: MailboxAfterFiling.default('flag'),
    moveTo: Folder.nullable().default(null).describe('Where filed mail goes when afterFiling is "move"'),
    enabled: z.boolean().default(true),
  })
  .meta({ id: 'CreateMailMailboxBody' });
export type CreateMailMailboxBody = z.output<typeof CreateMailMailboxBody>;
export type CreateMailMailboxInput = z.input<typeof CreateMailMailboxBody>;

/** Changes to a mailbox; an absent password keeps the stored one. Send If-Match with the version. */
export const UpdateMailMailboxBody = z
  .strictObject({
    address: Email.optional(),
    host: Host.optional(),
    port: Port.optional(),
    tlsMode: MailboxTlsMode.optional(),
    allowInsecure: z.boolean().optional(),
    username: Username.optional(),
    password: Password.optional().describe('Write-only; leave out to keep the stored password'),
    folder: Folder.optional(),
    afterFiling: MailboxAfterFiling.optional(),
    moveTo: Folder.nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .meta({ id: 'UpdateMailMailboxBody' });
export type UpdateMailMailboxBody = z.output<typeof UpdateMailMailboxBody>;

/** What the poller last did with a mailbox. */
export const MailMailboxStatus = z
  .object({
    lastPollAt: IsoDateTime.nullable(),
    lastError: z.string().nullable(),
    lastUidValidity: z.string().nullable().describe('The folder\'s UIDVALIDITY when last polled (a 32-bit number, as text)'),
    lastUid: z.number().int().nullable().describe('The highest UID the poller has handled in that UIDVALIDITY'),
    filedCount: z.number().int().describe('Messages taken in (filed, ignored or quarantined); repeats are not counted'),
    polledBy: z.string().nullable().describe('The worker node holding the poll lease, if any'),
  })
  .meta({ id: 'MailMailboxStatus' });
export type MailMailboxStatus = z.infer<typeof MailMailboxStatus>;

/** A mailbox as admins see it: never the password, only whether one is set. */
export const MailMailbox = z
  .object({
    id: Id,
    address: z.string(),
    host: z.string(),
    port: z.number().int(),
    tlsMode: MailboxTlsMode,
    allowInsecure: z.boolean(),
    username: z.string(),
    passwordSet: z.boolean(),
    folder: z.string(),
    afterFiling: MailboxAfterFiling,
    moveTo: z.string().nullable(),
    enabled: z.boolean(),
    version: z.number().int(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    status: MailMailboxStatus,
  })
  .meta({ id: 'MailMailbox' });
export type MailMailbox = z.infer<typeof MailMailbox>;

export const MailMailboxList = z.object({ items: z.array(MailMailbox) }).meta({ id: 'MailMailboxList' });
export type MailMailboxList = z.infer<typeof MailMailboxList>;

export const MailMailboxRef = z.object({ id: IdParam });

/** A connection test of the stored settings: it logs in and looks at the folder, nothing more. */
export const MailMailboxTestResult = z
  .object({
    ok: z.boolean(),
    error: z.string().nullable().describe('Why it failed, in words; never contains the password'),
    messages: z.number().int().nullable().describe('Messages in the folder'),
    uidValidity: z.string().nullable(),
    idle: z.boolean().nullable().describe('Whether the server offers IDLE (new mail is seen at once) or is polled'),
    moveToExists: z.boolean().nullable().describe('For afterFiling "move": whether the target folder exists (the poller creates it otherwise)'),
  })
  .meta({ id: 'MailMailboxTestResult' });
export type MailMailboxTestResult = z.infer<typeof MailMailboxTestResult>;

/** Both ways mail comes in, read-only: the SMTP listener as configured by environment. */
export const InboundMailStatus = z
  .object({
    smtp: z.object({
      listening: z.boolean().describe('Whether DESKSIDE_SMTP_LISTEN is set (API nodes bind it)'),
      listen: z.string().nullable().describe('host:port from DESKSIDE_SMTP_LISTEN'),
      domain: z.string().describe('Recipients at this domain are accepted (DESKSIDE_MAIL_DOMAIN)'),
    }),
    deskAddress: z.string().describe('The desk\'s own address, support@<domain>'),
  })
  .meta({ id: 'InboundMailStatus' });
export type InboundMailStatus = z.infer<typeof InboundMailStatus>;
