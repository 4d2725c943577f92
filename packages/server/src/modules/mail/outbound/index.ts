// Outbound e-mail (issue 4, decision 0023): ticket use cases call queueTicketMail(tx, …) in
// their own transaction (the outbox); the `mail.send` job delivers over SMTP with the
// Message-ID and threading fixed at enqueue time.
export { queueTicketMail } from './queue-ticket-mail.js';
export { queueStaffNotice, STAFF_NOTICE_KIND, type StaffNotice } from './queue-staff-notice.js';
export { type MailTicket, type TicketMailEvent, type TicketMailKind } from './ticket-mail-templates.js';
export { mailOriginOf, type MailOrigin } from './mail-origin.js';
export { replyAddressFor, ticketOfReplyAddress } from './reply-address.js';
export { sendMailJob, SendMailPayload } from './send-mail-job.js';
export { escapeHtml } from './mail-body.js';
export { listMailTemplates } from './list-mail-templates.js';
export { updateMailTemplate } from './update-mail-template.js';
