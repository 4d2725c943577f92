import { PRIORITIES, type Level, type Priority, type PriorityMatrix } from '@deskside/shared';
import { cellName, MatrixTable } from '../components/matrix-table';
import { NativeSelect } from '../components/native-select';
import type { FieldErrors } from '../lib/problem';

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
    <MatrixTable
      caption="Priority for each impact (rows) and urgency (columns)"
      className="ds-matrix ds-matrix-edit"
      testId="matrix-editor"
      renderCell={(i, u) => {
        const error = errors[`priorityMatrix.${i - 1}.${u - 1}`];
        return (
          <td key={u}>
            <NativeSelect
              aria-label={cellName(i, u)}
              aria-invalid={error ? true : undefined}
              value={matrix[i - 1]![u - 1]!}
              onValueChange={(v) => onChange(withCell(matrix, i, u, v as Priority))}
              options={OPTIONS}
              data-testid={`matrix-cell-${i}-${u}`}
            />
            {error ? <span className="ds-cell-error">{error}</span> : null}
          </td>
        );
      }}
    />
  );
}
