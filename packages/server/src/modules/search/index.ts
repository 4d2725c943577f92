export { indexTicketText, type SearchDocument } from './index-text.js';
export { searchTicketIds, searchTerms, type SearchScope } from './search-tickets.js';
