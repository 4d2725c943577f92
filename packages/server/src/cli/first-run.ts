import type { Config } from '../config.js';
import { isUniqueViolation } from '../db/db-errors.js';
import type { AppContext } from '../http/app-context.js';
import { createUser, findGroupByName, issueSetupToken, needsSetup } from '../modules/identity/index.js';

/** On an empty desk, creates the admin named by DESKSIDE_ADMIN_EMAIL / DESKSIDE_ADMIN_PASSWORD. */
export async function createAdminFromEnv(ctx: AppContext, config: Config): Promise<void> {
  if (!(await needsSetup(ctx.db))) return;
  if (!config.adminEmail || !config.adminPassword) return;
  try {
    await ctx.db.transaction().execute(async (tx) => {
      const intake = await findGroupByName(tx, 'Service Desk');
      await createUser(tx, {
        email: config.adminEmail!, name: 'Administrator', role: 'admin', password: config.adminPassword!,
        groupIds: intake ? [intake.id] : [], now: ctx.now(),
      });
    });
    ctx.log.info('created the admin from DESKSIDE_ADMIN_EMAIL');
  } catch (error) {
    // Two nodes starting together on one empty database both try; the loser finds it done.
    if (!isUniqueViolation(error) || (await needsSetup(ctx.db))) throw error;
  }
}

/** When nobody can sign in yet, prints the one-time link to create the first admin in the browser. */
export async function printSetupLinkIfNeeded(ctx: AppContext, config: Config): Promise<void> {
  if (!(await needsSetup(ctx.db))) return;
  const token = await issueSetupToken(ctx.db, ctx.now());
  // Printed for the operator, never logged: the link is a secret.
  if (token) process.stderr.write(`\nNo admin yet. Create the first admin here (one-time link):\n  ${config.publicUrl}/setup?token=${token}\n\n`);
}
