/**
 * Architecture specs for the CNN lab (filled in by the CNN core). A spec is a list of layers
 * after a fixed input shape; shapes are checked when the spec is validated.
 */
export type LayerSpec =
  | { readonly type: 'conv'; readonly filters: number; readonly size: number; readonly stride: number; readonly pad: number }
  | { readonly type: 'relu' }
  | { readonly type: 'tanh' }
  | { readonly type: 'leakyRelu'; readonly slope: number }
  | { readonly type: 'maxPool'; readonly size: number; readonly stride: number }
  | { readonly type: 'avgPool'; readonly size: number; readonly stride: number }
  | { readonly type: 'flatten' }
  | { readonly type: 'dense'; readonly units: number };

export interface ArchitectureSpec {
  /** Input shape [height, width, channels]. Default [28, 28, 1]. */
  readonly input: readonly [number, number, number];
  /** Hidden layers; a final dense layer to the class count and softmax are implied by `classes`. */
  readonly layers: readonly LayerSpec[];
}
