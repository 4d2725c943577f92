import { expect, it } from 'vitest';
import { DirectoryConnectionError } from '../src/modules/directory/index.js';
import { connectTo } from './support/directory.js';
import { describeWithSlapd, useSlapd } from './support/slapd.js';

describeWithSlapd('directory connector: StartTLS and LDAPS with the directory\'s own CA', () => {
  const slapd = useSlapd({ tls: true });

  it('upgrades ldap:// with StartTLS and verifies the certificate against the configured CA', async () => {
    const { connector, logLines } = connectTo(slapd, { startTls: true, caCertificate: slapd.caPem! });
    await connector.verifyConnection();
    const olivia = await connector.getPerson(slapd.fixture.people['olivia.chen']!.id);
    expect(olivia.name).toBe('Olivia Chen');
    expect(logLines.some((line) => line.includes('"transport":"starttls"'))).toBe(true);
  });

  it('connects over ldaps:// with the CA', async () => {
    const { connector } = connectTo(slapd, { url: slapd.ldapsUrl!, startTls: undefined, caCertificate: slapd.caPem! });
    await connector.verifyConnection();
  });

  it('refuses a certificate it cannot verify, before the service account password is sent', async () => {
    const serviceBinds = () => slapd.log().split('BIND dn="uid=deskside-svc').length - 1;
    await connectTo(slapd, { startTls: true, caCertificate: slapd.caPem! }).connector.verifyConnection();
    await new Promise((r) => setTimeout(r, 200));
    const before = serviceBinds();
    expect(before).toBeGreaterThan(0);

    const { connector } = connectTo(slapd, { startTls: true });
    const error = await connector.verifyConnection().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DirectoryConnectionError);
    expect((error as Error).message).toMatch(/StartTLS/);
    await new Promise((r) => setTimeout(r, 200));
    expect(serviceBinds()).toBe(before);
  });
});
