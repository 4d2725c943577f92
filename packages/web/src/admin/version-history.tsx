import { Card, Flex, Heading } from '@radix-ui/themes';

/** One published version of rules kept as versions (signal rules, the access policy). */
export interface HistoryVersion {
  version: number;
  by: { name: string } | null;
  at: string | null;
  note: string;
  builtIn: boolean;
}

/** Who published which version, when and why, newest first as the server lists them. */
export function VersionHistory({ versions, testId }: { versions: HistoryVersion[]; testId: string }) {
  return (
    <Card size="2">
      <Flex direction="column" gap="2">
        <Heading as="h2" size="4">
          Version history
        </Heading>
        <div className="ds-table-wrap">
          <table className="ds-table" data-testid={`${testId}-history`}>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Who</th>
                <th scope="col">When</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version} data-testid={`${testId}-version`} data-version={v.version}>
                  <th scope="row">{v.version}</th>
                  <td>{v.by?.name ?? (v.builtIn ? 'Built in' : 'The desk')}</td>
                  <td>{v.at ? new Date(v.at).toLocaleString() : '—'}</td>
                  <td>{v.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Flex>
    </Card>
  );
}
