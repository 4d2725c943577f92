export { authorizeLicenses, type LicenseAbility } from './license-policy.js';
export { createLicensePool } from './create-license-pool.js';
export { updateLicensePool } from './update-license-pool.js';
export { deleteLicensePool } from './delete-license-pool.js';
export { getLicensePool, listLicensePools } from './list-license-pools.js';
export { listPoolSeats } from './list-pool-seats.js';
export { claimLicenseSeat, dropSeatClaim, releaseLicenseSeat, type SeatClaim } from './claim-license-seat.js';
export { findHeldSeat, findPool } from './licenses-repo.js';
