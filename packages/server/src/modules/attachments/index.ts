// Attachments (decision 0026): bytes in a content-addressed blob store, written durably
// before the row that names them commits; rows hang off the ticket event they came with.
export { blobStoreFor, type BlobStore } from './blob-store.js';
export { diskBlobStore } from './disk-blob-store.js';
export { storeAttachmentBlobs, type AttachmentBytes } from './store-attachment-blobs.js';
export { recordAttachments, type AttachmentOwner, type StoredAttachment } from './record-attachments.js';
export { listEventAttachments } from './list-event-attachments.js';
export { findTicketAttachment } from './attachments-repo.js';
export { downloadHeadersFor } from './download-headers.js';
