/** A run's name with its marker and colour, so views of several runs never rely on colour alone. */
import { markerPath, runStyle } from '../../plots/palette.ts';
import { useCnnT } from './cnnMessages.ts';

export function RunName(props: {
  readonly label: string;
  readonly index: number;
  readonly step?: number | null;
}) {
  const t = useCnnT();
  const style = runStyle(props.index);
  return (
    <span className="dl-run-name">
      <svg width={14} height={14} aria-hidden="true">
        <path
          d={markerPath(style.marker, 7, 7, 5)}
          fill={style.color}
          stroke="#000"
          strokeWidth={0.6}
        />
      </svg>
      <span>{props.label}</span>
      {props.step !== undefined && props.step !== null && (
        <span className="dl-hint">{t('cnn.run.step', { step: props.step })}</span>
      )}
    </span>
  );
}
