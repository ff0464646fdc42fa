import type { SurfaceParameter } from './surface.ts';

/**
 * The value of parameter `spec` in `params`: its default when absent, a RangeError when not a
 * finite number within [min, max].
 */
export function readParameter(
  params: Readonly<Record<string, number>>,
  spec: SurfaceParameter,
): number {
  const value = Object.hasOwn(params, spec.name) ? params[spec.name] : undefined;
  if (value === undefined) return spec.default;
  if (!Number.isFinite(value) || value < spec.min || value > spec.max) {
    throw new RangeError(
      `${spec.label} (${spec.name}) must be between ${spec.min} and ${spec.max} (got ${value})`,
    );
  }
  return value;
}

/** The default value of every parameter, by name. */
export function parameterDefaults(parameters: readonly SurfaceParameter[]): Record<string, number> {
  const defaults: Record<string, number> = {};
  for (const p of parameters) defaults[p.name] = p.default;
  return defaults;
}
