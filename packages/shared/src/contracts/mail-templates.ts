import { z } from 'zod';

/** The mails the desk sends a requester, one template each (decision 0023). */
export const MAIL_TEMPLATE_KINDS = ['acknowledgement', 'reply', 'pending_on_you', 'restored', 'resolved'] as const;
export const MailTemplateKind = z.enum(MAIL_TEMPLATE_KINDS);
export type MailTemplateKind = z.infer<typeof MailTemplateKind>;

const COMMON = ['ticketNumber', 'ticketSubject', 'requesterName', 'ticketUrl'] as const;

/** The {{placeholders}} each template may use: a fixed list, so a typo is refused when saved, not mailed. */
export const MAIL_PLACEHOLDERS: Record<MailTemplateKind, readonly string[]> = {
  acknowledgement: [...COMMON, 'restatement', 'nextUpdateAt'],
  reply: [...COMMON, 'body', 'authorName', 'nextUpdateAt'],
  pending_on_you: [...COMMON, 'note'],
  restored: [...COMMON, 'workaround'],
  resolved: [...COMMON, 'resolution', 'autoCloseAt'],
};

export const MailTemplateBody = z.strictObject({
  subject: z.string().trim().min(1).max(300).regex(/^[^\r\n]*$/, 'must be one line'),
  text: z.string().trim().min(1).max(10_000),
});
export type MailTemplateBody = z.infer<typeof MailTemplateBody>;

export const MailTemplate = z
  .object({
    kind: MailTemplateKind,
    /** The admin's subject and text, or null while the built-in wording is used. */
    subject: z.string().nullable(),
    text: z.string().nullable(),
    custom: z.boolean(),
    placeholders: z.array(z.string()),
  })
  .meta({ id: 'MailTemplate' });
export type MailTemplate = z.infer<typeof MailTemplate>;

export const MailTemplateList = z.object({ items: z.array(MailTemplate) }).meta({ id: 'MailTemplateList' });
export type MailTemplateList = z.infer<typeof MailTemplateList>;
