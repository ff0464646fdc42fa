/** Descent Lab's plots: pure geometry, palettes, live sources and the React components. */
export { createLiveSource, constantSource, type LiveSource } from './source.ts';
export { useLiveDraw, useElementWidth } from './hooks.ts';
export { requestFrame, cancelFrame, type FrameHandle } from './frame.ts';
export {
  sampleGrid,
  valueScale,
  contourLevels,
  contourPaths,
  gridToPixels,
  heatmapPixels,
  computeFieldLayers,
  DEFAULT_LOG_EPSILON,
  type ValueScale,
  type ContourPath,
  type GridToPixels,
  type FieldLayers,
} from './field.ts';
export {
  dataToPixel,
  pixelToData,
  vectorToPixels,
  fitViewBox,
  zoomViewBox,
  panViewBox,
  sameViewBox,
  layerTransform,
  type PixelTransform,
  type Size,
  type Vec2,
} from './viewport.ts';
export { arrowPath, DEFAULT_MAX_ARROW_PX, type ArrowGeometry } from './arrows.ts';
export {
  chartScale,
  niceDomain,
  formatTick,
  formatValue,
  nearestIndex,
  decimateIndices,
  linePath,
  polylinePath,
  clipSegment,
  type PixelRect,
  type ChartScale,
  type ScaleKind,
  type Tick,
  type Decimation,
} from './scales.ts';
export {
  RUN_STYLES,
  runStyle,
  markerPath,
  colorMap,
  sequentialMap,
  heatmapMap,
  divergingMap,
  divergingPosition,
  parseRgb,
  rgbToCss,
  luminance,
  textColorOn,
  type Rgb,
  type RunStyle,
  type MarkerShape,
  type ColorMap,
} from './palette.ts';
export {
  filterTiles,
  activationTiles,
  maxAbsFinite,
  finiteRange,
  type FilterBank,
  type ActivationVolume,
  type TileSet,
} from './tiles.ts';
export {
  ContourPlot,
  CONTOUR_MARGIN,
  type ContourPlotProps,
  type TrajectoryView,
  type TrajectoryArrows,
  type HighlightPoint,
} from './ContourPlot.tsx';
export {
  LineChart,
  LINE_CHART_MARGIN,
  type LineChartProps,
  type LineSeriesView,
  type ChartEvent,
} from './LineChart.tsx';
export { TileGrid, type TileGridProps } from './TileGrid.tsx';
export { FilterGrid, type FilterGridProps } from './FilterGrid.tsx';
export { ActivationMaps, type ActivationMapsProps } from './ActivationMaps.tsx';
export { MatrixPlot, matrixColorPositions, type MatrixPlotProps } from './MatrixPlot.tsx';
