import {
  CreateLicensePoolBody, LicensePoolList, LicensePoolRef, LicensePoolsQuery, LicensePoolView, LicenseSeatList, UpdateLicensePoolBody,
} from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import {
  authorizeLicenses, createLicensePool, deleteLicensePool, getLicensePool, listLicensePools, listPoolSeats, updateLicensePool,
} from '../../modules/licenses/index.js';
import type { AppContext } from '../app-context.js';
import { defineRoute } from '../route.js';
import { expectedVersion } from '../ticket-http.js';

/** Licence pools (decision 0040): admins keep them, the desk reads them to assign and reclaim seats. */
export function licenseRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET', url: '/api/v1/admin/license-pools', tag: 'Licences', scope: 'admin',
    summary: 'Licence pools by name with their used and free seats (admins)',
    response: LicensePoolList,
    handler: async ({ actor }) => {
      authorizeLicenses(actor, 'manage');
      return { items: await listLicensePools(ctx.db) };
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/admin/license-pools', tag: 'Licences', scope: 'admin', status: 201,
    summary: 'Add a licence pool: product, seat count, and optionally the directory group that grants the licence (admins)',
    body: CreateLicensePoolBody, response: LicensePoolView,
    handler: async ({ actor, body }) => {
      authorizeLicenses(actor, 'manage');
      return ctx.db.transaction().execute((tx) => createLicensePool(tx, body, ctx.now()));
    },
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/admin/license-pools/:id', tag: 'Licences', scope: 'admin',
    summary: 'One licence pool with its usage (admins)',
    params: LicensePoolRef, response: LicensePoolView,
    handler: async ({ actor, params }) => {
      authorizeLicenses(actor, 'manage');
      return getLicensePool(ctx.db, params.id);
    },
  });

  defineRoute(app, {
    method: 'PATCH', url: '/api/v1/admin/license-pools/:id', tag: 'Licences', scope: 'admin',
    summary: 'Change a licence pool (admins); the seat count never goes below the seats in use (409). Send If-Match with the version you saw.',
    params: LicensePoolRef, body: UpdateLicensePoolBody, response: LicensePoolView,
    handler: async ({ actor, params, body, req }) => {
      authorizeLicenses(actor, 'manage');
      return ctx.db.transaction().execute((tx) => updateLicensePool(tx, params.id, body, expectedVersion(req), ctx.now()));
    },
  });

  defineRoute(app, {
    method: 'DELETE', url: '/api/v1/admin/license-pools/:id', tag: 'Licences', scope: 'admin',
    summary: 'Remove a licence pool none of whose seats is in use (admins); 409 otherwise',
    params: LicensePoolRef,
    handler: async ({ actor, params, req }) => {
      authorizeLicenses(actor, 'manage');
      await ctx.db.transaction().execute((tx) => deleteLicensePool(tx, params.id, expectedVersion(req)));
    },
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/admin/license-pools/:id/seats', tag: 'Licences', scope: 'admin',
    summary: 'The seats of a pool in use, with their holders (admins)',
    params: LicensePoolRef, response: LicenseSeatList,
    handler: async ({ actor, params }) => {
      authorizeLicenses(actor, 'manage');
      return { items: await listPoolSeats(ctx.db, params.id) };
    },
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/license-pools', tag: 'Licences', scope: 'tickets:read',
    summary: 'Licence pools with their free seats, for assigning and reclaiming seats; `holder` keeps the pools where that person holds one (staff)',
    query: LicensePoolsQuery, response: LicensePoolList,
    handler: async ({ actor, query }) => {
      authorizeLicenses(actor, 'view');
      return { items: await listLicensePools(ctx.db, { holder: query.holder }) };
    },
  });
}
