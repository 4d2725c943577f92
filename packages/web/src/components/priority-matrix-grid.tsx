import { LEVELS, priorityFor, type Level, type PriorityMatrix } from '@deskside/shared';
import { PriorityBadge } from './badges';
import { LEVEL_LABELS } from '../lib/words';

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
    <table className="ds-matrix" data-testid="priority-matrix">
      <caption>Impact (rows) × urgency (columns) → priority</caption>
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
            {LEVELS.map((u) => {
              const p = priorityFor(matrix, i, u);
              const current = i === impact && u === urgency;
              const name = `Impact ${LEVEL_LABELS[i].toLowerCase()}, urgency ${LEVEL_LABELS[u].toLowerCase()}: ${p}`;
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
                      aria-label={`Set ${name}`}
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
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
