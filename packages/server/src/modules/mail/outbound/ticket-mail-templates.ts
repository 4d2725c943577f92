import type { MailTemplateBody } from '@deskside/shared';
import { fillPlaceholders } from './fill-placeholders.js';
import type { MailBlock } from './mail-body.js';
import type { MailOrigin } from './mail-origin.js';

/** The ticket a mail is about, as the templates and threading need it. */
export interface MailTicket {
  id: number;
  number: string;
  subject: string;
  version: number;
  requester_id: number;
}

/** What happened, with only what the requester may read: never internal notes or SLA figures. */
export type TicketMailEvent =
  | { kind: 'acknowledgement'; restatement: string; nextUpdateAt: number }
  | { kind: 'reply'; body: string; authorName: string; nextUpdateAt: number | null }
  | { kind: 'pending_on_you'; note: string | null }
  | { kind: 'restored'; workaround: string }
  | { kind: 'resolved'; resolution: string; autoCloseAt: number | null };

export type TicketMailKind = TicketMailEvent['kind'];

export interface ComposedMail {
  subject: string;
  blocks: MailBlock[];
  /** RFC 3834: the desk's notices are 'auto-generated'; a person's reply is 'no'. */
  autoSubmitted: 'auto-generated' | 'no';
}

/** The built-in wording of each ticket mail to its requester. */
export function composeTicketMail(origin: MailOrigin, ticket: MailTicket, requesterName: string, event: TicketMailEvent): ComposedMail {
  const tag = `[${ticket.number}]`;
  const page = { link: { label: `Your ticket ${ticket.number}`, url: portalUrl(origin, ticket) } };
  const hello = { text: `Hello ${requesterName},` };
  const when = (at: number) => formatInstant(at, origin.timeZone);
  switch (event.kind) {
    case 'acknowledgement':
      return notice(`${tag} We are on it: ${ticket.subject}`, [
        hello,
        { text: 'We have picked up your request. This is how we understand the problem:' },
        { quote: event.restatement },
        { text: `If we got that wrong, reply to this e-mail. You will hear from us by ${when(event.nextUpdateAt)}.` },
        page,
      ]);
    case 'reply':
      return {
        subject: `Re: ${tag} ${ticket.subject}`,
        autoSubmitted: 'no',
        blocks: [
          { text: `${event.authorName} wrote:` },
          { quote: event.body },
          ...(event.nextUpdateAt === null ? [] : [{ text: `Our next update: by ${when(event.nextUpdateAt)}.` }]),
          page,
        ],
      };
    case 'pending_on_you':
      return notice(`${tag} We need something from you: ${ticket.subject}`, [
        hello,
        { text: 'We need something from you before we can go on with your request.' },
        ...(event.note ? [{ quote: event.note }] : []),
        { text: 'Reply to this e-mail or answer on the ticket page; the ticket waits for you until then.' },
        page,
      ]);
    case 'restored':
      return notice(`${tag} You can work again: ${ticket.subject}`, [
        hello,
        { text: 'You should be able to work again. For now this is how:' },
        { quote: event.workaround },
        { text: 'We keep the ticket open while we deal with the cause.' },
        page,
      ]);
    case 'resolved':
      return notice(`${tag} Resolved: ${ticket.subject}`, [
        hello,
        { text: 'We believe your problem is solved:' },
        { quote: event.resolution },
        { text: 'Please tell us whether it works for you. On the ticket page you can confirm it is solved, or reopen the ticket if it is not.' },
        { link: { label: 'Confirm or reopen', url: portalUrl(origin, ticket) } },
        ...(event.autoCloseAt === null ? [] : [{ text: `If we hear nothing, the ticket closes by itself on ${when(event.autoCloseAt)}.` }]),
      ]);
  }
}

/**
 * The mail from an admin's template: placeholders filled with the same values the built-in
 * wording uses; paragraphs are the text's blank-line-separated parts, rendered escaped like
 * any other block, with the ticket's URL made a link.
 */
export function composeFromTemplate(origin: MailOrigin, ticket: MailTicket, requesterName: string, event: TicketMailEvent, template: MailTemplateBody): ComposedMail {
  const values = placeholderValues(origin, ticket, requesterName, event);
  const text = fillPlaceholders(template.text, values);
  return {
    subject: fillPlaceholders(template.subject, values),
    blocks: text.split(/\r?\n\s*\r?\n/).map((p) => ({ text: p.trim(), links: [values.ticketUrl!] })).filter((b) => b.text !== ''),
    autoSubmitted: event.kind === 'reply' ? 'no' : 'auto-generated',
  };
}

/** What each {{placeholder}} stands for (the list per kind is MAIL_PLACEHOLDERS). */
function placeholderValues(origin: MailOrigin, ticket: MailTicket, requesterName: string, event: TicketMailEvent): Record<string, string> {
  const when = (at: number | null) => (at === null ? '' : formatInstant(at, origin.timeZone));
  const common = { ticketNumber: ticket.number, ticketSubject: ticket.subject, requesterName, ticketUrl: portalUrl(origin, ticket) };
  switch (event.kind) {
    case 'acknowledgement':
      return { ...common, restatement: event.restatement, nextUpdateAt: when(event.nextUpdateAt) };
    case 'reply':
      return { ...common, body: event.body, authorName: event.authorName, nextUpdateAt: when(event.nextUpdateAt) };
    case 'pending_on_you':
      return { ...common, note: event.note ?? '' };
    case 'restored':
      return { ...common, workaround: event.workaround };
    case 'resolved':
      return { ...common, resolution: event.resolution, autoCloseAt: when(event.autoCloseAt) };
  }
}

function portalUrl(origin: MailOrigin, ticket: MailTicket): string {
  return `${origin.publicUrl}/portal/tickets/${encodeURIComponent(ticket.number)}`;
}

function notice(subject: string, blocks: MailBlock[]): ComposedMail {
  return { subject, blocks, autoSubmitted: 'auto-generated' };
}

function formatInstant(at: number, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone }).format(at);
  return `${text} (${timeZone})`;
}
