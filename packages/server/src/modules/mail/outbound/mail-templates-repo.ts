import type { MailTemplateBody, MailTemplateKind } from '@deskside/shared';
import type { Db, Tx } from '../../../db/connect.js';

type Q = Db | Tx;
export type MailTemplateOverrides = Partial<Record<MailTemplateKind, MailTemplateBody>>;

const KEY = 'mail-templates';

/** The admins' wording, per kind; a kind not in it uses the built-in template. */
export async function readMailTemplates(q: Q): Promise<MailTemplateOverrides> {
  const row = await q.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  return row ? (JSON.parse(row.value) as MailTemplateOverrides) : {};
}

export async function writeMailTemplates(tx: Tx, templates: MailTemplateOverrides, now: number): Promise<void> {
  const value = JSON.stringify(templates);
  await tx
    .insertInto('settings')
    .values({ key: KEY, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}
