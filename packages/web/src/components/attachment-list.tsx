import { Flex, Text } from '@radix-ui/themes';
import type { EventAttachment } from '@deskside/shared';

/** Bytes as people read them: 12 bytes, 340 KB, 2.4 MB. */
export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/**
 * The files that came with a timeline event, as plain download links: the server answers
 * them with Content-Disposition: attachment, so nothing a sender wrote is ever rendered here.
 */
export function AttachmentList({ ticketId, files }: { ticketId: number; files: readonly EventAttachment[] }) {
  return (
    <ul className="ds-attachments" aria-label="Attachments">
      {files.map((f) => (
        <li key={f.id}>
          <Flex gap="2" align="baseline">
            <a href={`/api/v1/tickets/${ticketId}/attachments/${f.id}`} download={f.filename} data-testid="attachment-link">
              {f.filename}
            </a>
            <Text size="1" color="gray">
              {humanSize(f.size)}
            </Text>
          </Flex>
        </li>
      ))}
    </ul>
  );
}
