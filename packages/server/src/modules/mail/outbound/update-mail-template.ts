import { MAIL_PLACEHOLDERS, type MailTemplateBody, type MailTemplateKind, type MailTemplateList } from '@deskside/shared';
import type { Tx } from '../../../db/connect.js';
import { invalid } from '../../../errors.js';
import { placeholdersIn } from './fill-placeholders.js';
import { listMailTemplates } from './list-mail-templates.js';
import { readMailTemplates, writeMailTemplates } from './mail-templates-repo.js';

/**
 * Sets an admin's subject and text for one kind of mail, or with null goes back to the
 * built-in wording. A placeholder outside the kind's fixed list is refused (422): a typo
 * found when saving is better than a blank in every requester's mail.
 */
export async function updateMailTemplate(tx: Tx, kind: MailTemplateKind, template: MailTemplateBody | null, now: number): Promise<MailTemplateList> {
  if (template) {
    const known = MAIL_PLACEHOLDERS[kind];
    for (const field of ['subject', 'text'] as const) {
      const unknown = placeholdersIn(template[field]).filter((name) => !known.includes(name));
      if (unknown.length > 0) {
        throw invalid(field, `unknown placeholder ${unknown.map((n) => `{{${n}}}`).join(', ')}; ${kind} may use ${known.map((n) => `{{${n}}}`).join(', ')}`);
      }
    }
  }
  const templates = await readMailTemplates(tx);
  if (template) templates[kind] = template;
  else delete templates[kind];
  await writeMailTemplates(tx, templates, now);
  return listMailTemplates(tx);
}
