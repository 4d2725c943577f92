import type { CreateLicensePoolInput, LicensePoolList, LicensePoolView, LicenseSeatList, UpdateLicensePoolBody } from '@deskside/shared';
import { api } from '../lib/api';

export const licensePoolsKey = ['admin', 'license-pools'] as const;
export const poolSeatsKey = (id: number) => ['admin', 'license-pools', id, 'seats'] as const;

export const fetchLicensePools = () => api.request<LicensePoolList>('GET', '/api/v1/admin/license-pools').then((r) => r.items);
export const fetchLicensePool = (id: number) => api.request<LicensePoolView>('GET', `/api/v1/admin/license-pools/${id}`);
export const fetchPoolSeats = (id: number) => api.request<LicenseSeatList>('GET', `/api/v1/admin/license-pools/${id}/seats`).then((r) => r.items);
export const createLicensePool = (body: CreateLicensePoolInput) => api.request<LicensePoolView>('POST', '/api/v1/admin/license-pools', body);
export const updateLicensePool = (id: number, body: UpdateLicensePoolBody, version: number) =>
  api.request<LicensePoolView>('PATCH', `/api/v1/admin/license-pools/${id}`, body, { 'if-match': `"${version}"` });
export const deleteLicensePool = (id: number, version: number) =>
  api.request<void>('DELETE', `/api/v1/admin/license-pools/${id}`, undefined, { 'if-match': `"${version}"` });
