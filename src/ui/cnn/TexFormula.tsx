/** A displayed formula of the CNN lab's explanations (see Tex). */
import { Tex } from '../Tex.tsx';

export function TexFormula(props: { readonly tex: string; readonly label: string }) {
  return <Tex tex={props.tex} display label={props.label} />;
}
