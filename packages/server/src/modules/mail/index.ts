// The mail module's public door: one line per direction.
export * from './outbound/index.js';
