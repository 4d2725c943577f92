import type { DirectoryTestResult } from '@deskside/shared';
import type { Logger } from 'pino';
import { conflict } from '../../errors.js';
import type { DirectoryConnectionRow } from '../../db/types.js';
import { DirectoryError } from '../directory/index.js';
import { connectorFor } from './connector-for.js';

/** Binds with the stored settings and reads both bases; reads no people and writes nothing. */
export async function testDirectoryConnection(row: DirectoryConnectionRow | undefined, secretKey: string | undefined, log: Logger): Promise<DirectoryTestResult> {
  if (!row) throw conflict('Save the directory connection before testing it');
  const connector = connectorFor(row, secretKey, log);
  if (!connector) return { ok: true, error: null };
  try {
    await connector.verifyConnection();
    return { ok: true, error: null };
  } catch (error) {
    // Connector errors are ours and scrubbed of the bind password (decision 0030).
    return { ok: false, error: error instanceof DirectoryError ? error.message : 'the test failed unexpectedly; see the server log' };
  }
}
