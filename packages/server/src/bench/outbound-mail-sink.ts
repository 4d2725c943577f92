import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One mail the desk sent, as the requester's mailbox would hold it. */
export interface DeskSentMail {
  /** The envelope recipient: the requester. */
  to: string;
  /** With angle brackets, as a reply's In-Reply-To carries it. */
  messageId: string;
  /** The ticket's own reply address (support+<token>@domain). */
  replyTo: string;
  subject: string;
  /** The ticket number the subject is tagged with, e.g. INC-000012. */
  ticketNumber: string;
  text: string;
}

/** The requesters' side of the desk's outbound mail: a real SMTP server the desk delivers to. */
export interface OutboundMailSink {
  url: string;
  received: DeskSentMail[];
  close(): Promise<void>;
}

/**
 * Starts an SMTP server on 127.0.0.1 for DESKSIDE_SMTP_URL. The mail suite replies to what
 * arrives here, so replies thread on Message-IDs and reply addresses the desk really sent,
 * not on values read out of its database.
 */
export async function startOutboundMailSink(): Promise<OutboundMailSink> {
  const received: DeskSentMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          const replyTo = mail.replyTo?.value[0]?.address ?? '';
          const ticketNumber = /\[((?:INC|REQ)-\d+)\]/.exec(mail.subject ?? '')?.[1] ?? '';
          received.push({
            to: session.envelope.rcptTo[0]?.address ?? '',
            messageId: mail.messageId ?? '',
            replyTo,
            subject: mail.subject ?? '',
            ticketNumber,
            text: mail.text ?? '',
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
