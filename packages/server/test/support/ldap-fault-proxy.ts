import { createServer, connect, type Socket } from 'node:net';

/** What the proxy does to the next write (modify or extended request) it sees. */
export type LdapFault =
  /** Forward it, let the server apply it, swallow the reply and cut the connection. */
  | 'drop-reply'
  /** Cut the connection without forwarding it: the server never sees the write. */
  | 'drop-request'
  /** Forward it and swallow the reply, keeping the connection open: the client times out. */
  | 'stall-reply';

const MODIFY_REQUEST = 0x66;
const EXTENDED_REQUEST = 0x77;

/** A TCP proxy in front of slapd that loses one write's reply on demand, the way a network does. */
export interface LdapFaultProxy {
  url: string;
  /** Writes that reached the server through the proxy. */
  writesForwarded(): number;
  arm(fault: LdapFault): void;
  close(): Promise<void>;
}

/** The protocol-op tag of each complete LDAPMessage at the front of `buffer`, and the bytes they span. */
function splitMessages(buffer: Buffer): { tags: number[]; ends: number[] } {
  const tags: number[] = [];
  const ends: number[] = [];
  let offset = 0;
  while (offset + 2 <= buffer.length) {
    let length = buffer[offset + 1]!;
    let header = 2;
    if (length & 0x80) {
      const bytes = length & 0x7f;
      if (offset + 2 + bytes > buffer.length) break;
      length = 0;
      for (let i = 0; i < bytes; i += 1) length = length * 256 + buffer[offset + 2 + i]!;
      header = 2 + bytes;
    }
    const end = offset + header + length;
    if (end > buffer.length) break;
    // LDAPMessage ::= SEQUENCE { messageID INTEGER, protocolOp, ... }: skip the INTEGER.
    const idLength = buffer[offset + header + 1]!;
    tags.push(buffer[offset + header + 2 + idLength]!);
    ends.push(end);
    offset = end;
  }
  return { tags, ends };
}

/** Starts the proxy on 127.0.0.1 in front of `targetPort`. */
export async function startLdapFaultProxy(targetPort: number): Promise<LdapFaultProxy> {
  let armed: LdapFault | null = null;
  let forwarded = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    let pending = Buffer.alloc(0);
    let swallowing: 'drop' | 'stall' | null = null;
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      const { tags, ends } = splitMessages(pending);
      let sentUpTo = 0;
      for (const [i, tag] of tags.entries()) {
        const isWrite = tag === MODIFY_REQUEST || tag === EXTENDED_REQUEST;
        if (isWrite && armed === 'drop-request') {
          armed = null;
          cut();
          return;
        }
        if (isWrite) forwarded += 1;
        if (isWrite && armed !== null) {
          swallowing = armed === 'drop-reply' ? 'drop' : 'stall';
          armed = null;
        }
        upstream.write(pending.subarray(sentUpTo, ends[i]));
        sentUpTo = ends[i]!;
      }
      pending = pending.subarray(sentUpTo);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (swallowing === 'drop') cut();
      else if (swallowing === null) client.write(chunk);
    });
    client.on('error', cut);
    upstream.on('error', cut);
    client.on('close', () => {
      upstream.destroy();
      sockets.delete(client);
    });
    upstream.on('close', () => {
      client.destroy();
      sockets.delete(upstream);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('proxy has no port');
  return {
    url: `ldap://127.0.0.1:${address.port}`,
    writesForwarded: () => forwarded,
    arm(fault) {
      armed = fault;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
