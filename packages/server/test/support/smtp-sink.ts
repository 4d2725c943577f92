import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message as the SMTP server received it, parsed. */
export interface Received {
  to: string[];
  raw: string;
  mail: ParsedMail;
}

/** A real SMTP server on 127.0.0.1 that keeps what it accepts, and can be told to refuse. */
export interface SmtpSink {
  url: string;
  received: Received[];
  /** While set, every message is answered with this code (4xx temporary, 5xx permanent). */
  refuseWith: number | null;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: SmtpSink = { url: '', received: [], refuseWith: null, close: async () => undefined };
  const server = new SMTPServer({
    // Plain SMTP on loopback: no STARTTLS to negotiate, no login to offer.
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (sink.refuseWith !== null) {
          const error = Object.assign(new Error(`refused by the test server (${sink.refuseWith})`), { responseCode: sink.refuseWith });
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (mail) => {
            sink.received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, mail });
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  sink.url = `smtp://127.0.0.1:${port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
