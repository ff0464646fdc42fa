/**
 * A small matrix (e.g. a confusion matrix: rows = true class, columns = predicted class) as SVG
 * cells coloured by value, with the numbers written in, row and column labels, and the same data
 * as a visually hidden table for screen readers. Confusion matrices change only at evaluation
 * steps, so this one takes plain props.
 */
import { useT } from '../i18n/index.ts';
import { PLOT_FONT, visuallyHidden } from './hooks.ts';
import { sequentialMap, textColorOn } from './palette.ts';
import { formatReadout } from '../core/numbers.ts';

export interface MatrixPlotProps {
  /** Rows of equal length; non-finite entries are drawn blank. */
  readonly matrix: readonly (readonly number[])[];
  /** Caption and accessible name, e.g. "Confusion matrix (test set)". */
  readonly title: string;
  /** Default: "0", "1", …. */
  readonly rowLabels?: readonly string[];
  readonly columnLabels?: readonly string[];
  /** What rows and columns mean; default "True" and "Predicted" in the UI language. */
  readonly rowTitle?: string;
  readonly columnTitle?: string;
  /** Cell side in CSS pixels; default 28. */
  readonly cellSize?: number;
  /**
   * Colour by the entry's fraction of its row ('row', default: every true class gets the full
   * colour range however rare it is) or of the largest entry ('value').
   */
  readonly colorBy?: 'row' | 'value';
}

/** t ∈ [0, 1] of every cell: by row fraction or by fraction of the maximum; NaN when blank. */
export function matrixColorPositions(
  matrix: readonly (readonly number[])[],
  colorBy: 'row' | 'value',
): number[][] {
  let max = 0;
  for (const row of matrix)
    for (const v of row) if (Number.isFinite(v) && Math.abs(v) > max) max = Math.abs(v);
  return matrix.map((row) => {
    let total = 0;
    for (const v of row) if (Number.isFinite(v)) total += Math.abs(v);
    const denominator = colorBy === 'row' ? total : max;
    return row.map((v) =>
      Number.isFinite(v) ? (denominator > 0 ? Math.abs(v) / denominator : 0) : NaN,
    );
  });
}

export function MatrixPlot(props: MatrixPlotProps) {
  const { matrix, title, cellSize = 28, colorBy = 'row' } = props;
  const t = useT();
  const rowTitle = props.rowTitle ?? t('matrix.true');
  const columnTitle = props.columnTitle ?? t('matrix.predicted');
  const rows = matrix.length;
  const columns = matrix.reduce((m, row) => Math.max(m, row.length), 0);
  const rowLabels = props.rowLabels ?? Array.from({ length: rows }, (_, i) => String(i));
  const columnLabels = props.columnLabels ?? Array.from({ length: columns }, (_, j) => String(j));
  const positions = matrixColorPositions(matrix, colorBy);
  const left = 44;
  const top = 34;
  const width = left + columns * cellSize + 4;
  const height = top + rows * cellSize + 4;
  const cellFont = Math.max(7, Math.min(12, cellSize * 0.42));

  return (
    <figure
      className="dl-matrix-plot"
      style={{ margin: 0, fontSize: PLOT_FONT, position: 'relative' }}
    >
      <figcaption>{title}</figcaption>
      <svg width={width} height={height} aria-hidden="true" style={{ display: 'block' }}>
        <text x={left + (columns * cellSize) / 2} y={10} textAnchor="middle" fill="currentColor">
          {columnTitle}
        </text>
        <text
          transform={`translate(10,${top + (rows * cellSize) / 2}) rotate(-90)`}
          textAnchor="middle"
          fill="currentColor"
        >
          {rowTitle}
        </text>
        {columnLabels.map((label, j) => (
          <text
            key={`c${j}`}
            className="dl-matrix-column-label"
            x={left + (j + 0.5) * cellSize}
            y={top - 6}
            textAnchor="middle"
            fill="currentColor"
          >
            {label}
          </text>
        ))}
        {rowLabels.map((label, i) => (
          <text
            key={`r${i}`}
            className="dl-matrix-row-label"
            x={left - 6}
            y={top + (i + 0.5) * cellSize}
            dy="0.32em"
            textAnchor="end"
            fill="currentColor"
          >
            {label}
          </text>
        ))}
        {matrix.map((row, i) =>
          row.map((v, j) => {
            const position = positions[i]?.[j] ?? NaN;
            const blank = Number.isNaN(position);
            const bg = sequentialMap.rgb(blank ? 0 : position);
            const x = left + j * cellSize;
            const y = top + i * cellSize;
            return (
              <g key={`${i},${j}`} className="dl-matrix-cell" data-row={i} data-column={j}>
                <title>
                  {t('matrix.cell', {
                    rowTitle,
                    row: rowLabels[i] ?? String(i),
                    columnTitle: columnTitle.toLowerCase(),
                    column: columnLabels[j] ?? String(j),
                    value: formatReadout(v),
                  })}
                </title>
                <rect
                  x={x}
                  y={y}
                  width={cellSize - 1}
                  height={cellSize - 1}
                  fill={blank ? 'none' : sequentialMap.css(position)}
                  stroke={i === j ? 'currentColor' : 'none'}
                  strokeWidth={i === j ? 1 : 0}
                />
                {!blank && (
                  <text
                    x={x + (cellSize - 1) / 2}
                    y={y + (cellSize - 1) / 2}
                    dy="0.35em"
                    textAnchor="middle"
                    fill={textColorOn(bg)}
                    style={{ fontSize: cellFont }}
                  >
                    {formatReadout(v)}
                  </text>
                )}
              </g>
            );
          }),
        )}
      </svg>
      <table style={visuallyHidden}>
        <caption>
          {t('matrix.caption', {
            title,
            rowTitle: rowTitle.toLowerCase(),
            columnTitle: columnTitle.toLowerCase(),
          })}
        </caption>
        <thead>
          <tr>
            <td />
            {columnLabels.map((label, j) => (
              <th key={j} scope="col">{`${columnTitle} ${label}`}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.map((row, i) => (
            <tr key={i}>
              <th scope="row">{`${rowTitle} ${rowLabels[i] ?? i}`}</th>
              {Array.from({ length: columns }, (_, j) => (
                <td key={j}>{row[j] === undefined ? '' : formatReadout(row[j])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
