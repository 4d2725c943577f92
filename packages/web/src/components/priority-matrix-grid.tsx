import { priorityFor, type Level, type PriorityMatrix } from '@deskside/shared';
import { PriorityBadge } from './badges';
import { cellName, MatrixTable } from './matrix-table';

interface PriorityMatrixGridProps {
  matrix: PriorityMatrix;
  impact?: Level;
  urgency?: Level;
  /** When given, each cell is a button that sets impact and urgency. */
  onPick?: ((impact: Level, urgency: Level) => void) | undefined;
  disabled?: boolean;
}

/** The 3x3 impact x urgency grid with the current pair highlighted. */
export function PriorityMatrixGrid({ matrix, impact, urgency, onPick, disabled }: PriorityMatrixGridProps) {
  return (
    <MatrixTable
      caption="Impact (rows) × urgency (columns) → priority"
      className="ds-matrix"
      testId="priority-matrix"
      renderCell={(i, u) => {
        const p = priorityFor(matrix, i, u);
        const current = i === impact && u === urgency;
        return (
          <td
            key={u}
            className={current ? 'ds-matrix-current' : undefined}
            aria-current={current ? 'true' : undefined}
            data-testid={current ? 'matrix-current-cell' : undefined}
          >
            {onPick && !current ? (
              <button
                type="button"
                className="ds-matrix-pick"
                aria-label={`Set ${cellName(i, u)}: ${p}`}
                disabled={disabled}
                onClick={() => onPick(i, u)}
              >
                <PriorityBadge priority={p} />
              </button>
            ) : (
              <span className="ds-matrix-value">
                <PriorityBadge priority={p} />
                {current ? <span className="ds-visually-hidden"> (this ticket)</span> : null}
              </span>
            )}
          </td>
        );
      }}
    />
  );
}
