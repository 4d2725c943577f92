import { LEVELS, type Level } from '@deskside/shared';
import type { ReactNode } from 'react';
import { LEVEL_LABELS } from '../lib/words';

/** "Impact high, urgency low": how a cell is named to people and screen readers. */
export function cellName(impact: Level, urgency: Level): string {
  return `Impact ${LEVEL_LABELS[impact].toLowerCase()}, urgency ${LEVEL_LABELS[urgency].toLowerCase()}`;
}

/** The 3x3 impact (rows) x urgency (columns) table; each use fills the cells its own way. */
export function MatrixTable({
  caption,
  className,
  testId,
  renderCell,
}: {
  caption: string;
  className: string;
  testId: string;
  renderCell: (impact: Level, urgency: Level) => ReactNode;
}) {
  return (
    <table className={className} data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <td />
          {LEVELS.map((u) => (
            <th key={u} scope="col">
              Urgency {LEVEL_LABELS[u].toLowerCase()}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {LEVELS.map((i) => (
          <tr key={i}>
            <th scope="row">Impact {LEVEL_LABELS[i].toLowerCase()}</th>
            {LEVELS.map((u) => renderCell(i, u))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
