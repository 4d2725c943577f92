// A ticket's mail trail for staff (decision 0027): its own door, because it reads tickets
// and the tickets module already imports the mail module's outbound door.
export { listTicketMail } from './list-ticket-mail.js';
export { readOriginalMail } from './read-original-mail.js';
export { originalMailPolicy } from './original-mail-document.js';
