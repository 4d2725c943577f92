import type { Logger } from 'pino';
import type { Db, Tx } from '../../db/connect.js';
import type { DirectoryConnectionRow } from '../../db/types.js';
import { createManualConnector, type DirectoryConnector } from '../directory/index.js';
import { connectorFor } from './connector-for.js';
import { manualPeopleProvider } from './manual-people-provider.js';

/**
 * The connector identity actions go through. LDAP: the same as the sync's. Manual: a connector
 * whose writes answer with console steps and whose people are the desk's people of record
 * (decision 0043). The sync keeps `connectorFor`, which has nothing to read for a manual
 * directory: re-reading the desk's own rows into themselves would change nothing.
 */
export function actionConnectorFor(q: Db | Tx, row: DirectoryConnectionRow, secretKey: string | undefined, log: Logger): DirectoryConnector | null {
  if (row.kind === 'manual') return createManualConnector({ people: manualPeopleProvider(q, row.id) });
  return connectorFor(row, secretKey, log);
}
