import { inspect } from 'node:util';
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { LdapConnectionConfig, type LdapConnectionConfigInput } from '../src/modules/directory/index.js';

const base: LdapConnectionConfigInput = {
  url: 'ldap://ldap.example.test',
  bindDn: 'uid=deskside-svc,ou=service,dc=example,dc=test',
  bindPassword: 'correct horse battery staple',
  peopleBaseDn: 'ou=people,dc=example,dc=test',
  groupsBaseDn: 'ou=groups,dc=example,dc=test',
};

describe('directory connection config', () => {
  it('requires StartTLS for ldap:// to another host unless a lab explicitly allows insecure', () => {
    expect(LdapConnectionConfig.parse(base).transport).toBe('starttls');
    expect(LdapConnectionConfig.safeParse({ ...base, startTls: false }).success).toBe(false);
    expect(LdapConnectionConfig.parse({ ...base, startTls: false, allowInsecure: true }).transport).toBe('plain');
    for (const host of ['127.0.0.1', 'localhost', '[::1]']) {
      expect(LdapConnectionConfig.parse({ ...base, url: `ldap://${host}:3389`, startTls: false }).transport).toBe('plain');
    }
    expect(LdapConnectionConfig.parse({ ...base, url: 'ldaps://ldap.example.test:636' }).transport).toBe('ldaps');
    expect(LdapConnectionConfig.safeParse({ ...base, url: 'ldaps://ldap.example.test', startTls: true }).success).toBe(false);
    expect(LdapConnectionConfig.safeParse({ ...base, url: 'http://ldap.example.test' }).success).toBe(false);
    expect(LdapConnectionConfig.safeParse({ ...base, url: 'ldap://ldap.example.test/dc=x?cn' }).success).toBe(false);
  });

  it('fills the OpenLDAP preset and the defaults, and rejects unknown fields', () => {
    const settings = LdapConnectionConfig.parse(base);
    expect(settings).toMatchObject({ dialect: 'openldap', privilegedGroupIds: [], pageSize: 200, timeouts: { connectMs: 5000, operationMs: 15000 } });
    expect(LdapConnectionConfig.parse({ ...base, dialect: 'active_directory' }).dialect).toBe('active_directory');
    expect(LdapConnectionConfig.safeParse({ ...base, bindPasswd: 'typo' }).success).toBe(false);
    expect(LdapConnectionConfig.safeParse({ ...base, attributes: { personFilter: 'objectClass=person' } }).success).toBe(false);
  });

  it('holds the bind password so that JSON, inspect and pino never show it', () => {
    const settings = LdapConnectionConfig.parse(base);
    expect(settings.bindPassword.reveal()).toBe(base.bindPassword);
    const lines: string[] = [];
    const log = pino(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    log.info({ settings }, 'directory configured');
    for (const text of [JSON.stringify(settings), inspect(settings, { depth: 5 }), String(settings.bindPassword), ...lines]) {
      expect(text).not.toContain(base.bindPassword);
    }
    expect(JSON.stringify(settings)).toContain('"bindPassword":"[redacted]"');
  });
});
