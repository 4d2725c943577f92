import { MAIL_PLACEHOLDERS, MAIL_TEMPLATE_KINDS, type MailTemplateList } from '@deskside/shared';
import type { Db, Tx } from '../../../db/connect.js';
import { readMailTemplates } from './mail-templates-repo.js';

/** Every requester mail's template: the admin's wording where there is one, and the placeholders it may use. */
export async function listMailTemplates(q: Db | Tx): Promise<MailTemplateList> {
  const overrides = await readMailTemplates(q);
  return {
    items: MAIL_TEMPLATE_KINDS.map((kind) => ({
      kind,
      subject: overrides[kind]?.subject ?? null,
      text: overrides[kind]?.text ?? null,
      custom: overrides[kind] !== undefined,
      placeholders: [...MAIL_PLACEHOLDERS[kind]],
    })),
  };
}
