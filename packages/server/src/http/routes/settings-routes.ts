import { DeskSettings, UpdateDeskSettingsBody } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import { forbidden } from '../../errors.js';
import { isAdmin, isStaff } from '../../modules/identity/index.js';
import { getDeskSettings, updateDeskSettings } from '../../modules/settings/index.js';
import type { AppContext } from '../app-context.js';
import { defineRoute } from '../route.js';

export function settingsRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET', url: '/api/v1/settings', tag: 'Settings', scope: 'tickets:read',
    summary: 'Desk settings: the priority matrix, reopen window and auto-close delay (staff)',
    response: DeskSettings,
    handler: async ({ actor }) => {
      if (!isStaff(actor)) throw forbidden('Only the desk reads its settings');
      return getDeskSettings(ctx.db);
    },
  });

  defineRoute(app, {
    method: 'PATCH', url: '/api/v1/settings', tag: 'Settings', scope: 'admin',
    summary: 'Change desk settings (admins); an incoherent matrix is refused with the reason',
    body: UpdateDeskSettingsBody, response: DeskSettings,
    handler: async ({ actor, body }) => {
      if (!isAdmin(actor)) throw forbidden('Only admins change desk settings');
      return ctx.db.transaction().execute((tx) => updateDeskSettings(tx, body, ctx.now()));
    },
  });
}
