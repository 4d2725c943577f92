export { getDeskSettings, updateDeskSettings, DEFAULT_SETTINGS } from './desk-settings.js';
