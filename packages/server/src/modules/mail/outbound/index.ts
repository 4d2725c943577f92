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
export {
  ACCESS_NOTICE_KIND, type AccessMailRecipient, queueAccessNotice, queueResetLinkMail, RESET_LINK_KIND, RESET_LINK_PLACEHOLDER,
  queueVerificationLinkMail, VERIFICATION_LINK_KIND,
} from './queue-access-mail.js';
export { deliverMessage } from './smtp-delivery.js';
export { findMailMessage, setMailStatus } from './mail-messages-repo.js';
export { NOT_SENDING } from './mail-origin.js';
