import { LEVELS, PRIORITIES, type Level, type Priority, type PriorityMatrix } from '@deskside/shared';
import { NativeSelect } from '../components/native-select';
import type { FieldErrors } from '../lib/problem';
import { LEVEL_LABELS } from '../lib/words';

const OPTIONS = PRIORITIES.map((p) => ({ value: p, label: p }));

/** Sets one cell; the tuple shape stays intact. */
function withCell(matrix: PriorityMatrix, impact: Level, urgency: Level, p: Priority): PriorityMatrix {
  return matrix.map((row, i) => row.map((cell, u) => (i === impact - 1 && u === urgency - 1 ? p : cell))) as PriorityMatrix;
}

/** The 3x3 matrix as selects, each named by its impact and urgency. */
export function MatrixEditor({
  matrix,
  onChange,
  errors,
}: {
  matrix: PriorityMatrix;
  onChange: (m: PriorityMatrix) => void;
  errors: FieldErrors;
}) {
  return (
    <table className="ds-matrix ds-matrix-edit" data-testid="matrix-editor">
      <caption>Priority for each impact (rows) and urgency (columns)</caption>
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
              const error = errors[`priorityMatrix.${i - 1}.${u - 1}`];
              return (
                <td key={u}>
                  <NativeSelect
                    aria-label={`Impact ${LEVEL_LABELS[i].toLowerCase()}, urgency ${LEVEL_LABELS[u].toLowerCase()}`}
                    aria-invalid={error ? true : undefined}
                    value={matrix[i - 1]![u - 1]!}
                    onValueChange={(v) => onChange(withCell(matrix, i, u, v as Priority))}
                    options={OPTIONS}
                    data-testid={`matrix-cell-${i}-${u}`}
                  />
                  {error ? <span className="ds-cell-error">{error}</span> : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
