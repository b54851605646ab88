/**
 * Distortion settings: per family, how likely it is and the ranges its
 * parameters are drawn from. A preset gives settings for the families it
 * uses; a config file or caller lays its own on top, family by family and
 * key by key. Families a preset does not name are off.
 *
 * @module
 */
import type { Family, FamilyConfig } from "./types.ts";

/** Settings as a preset, a YAML file or a caller gives them: any subset, per family. */
export type DistortionSettings = Readonly<Record<string, Readonly<Partial<FamilyConfig>>>>;

/** Fully resolved settings: the families that may apply, each with its whole configuration. */
export type ResolvedDistortions = Readonly<Record<string, Readonly<FamilyConfig>>>;

/**
 * Merge `over` onto `under` and complete each named family with its
 * defaults, in pipeline order; validate every value. Unknown families and
 * impossible values throw a `RangeError` naming `distortions.<family>.<key>`.
 * Families with probability 0 are dropped.
 */
export function resolveDistortions(
  families: readonly Family[],
  under: DistortionSettings,
  over: DistortionSettings | undefined,
): ResolvedDistortions {
  const byName = new Map(families.map((f) => [f.name, f]));
  for (const source of [under, over ?? {}]) {
    for (const [name, settings] of Object.entries(source)) {
      if (!byName.has(name)) {
        throw new RangeError(
          `Invalid option distortions.${name}: not a distortion family (known: ${
            [...byName.keys()].join(", ")
          })`,
        );
      }
      if (settings === null || typeof settings !== "object" || Array.isArray(settings)) {
        throw new RangeError(
          `Invalid option distortions.${name} = ${
            JSON.stringify(settings)
          }: must be a mapping of settings`,
        );
      }
    }
  }
  const out: Record<string, FamilyConfig> = {};
  for (const family of families) {
    const a = under[family.name], b = over?.[family.name];
    if (!a && !b) continue;
    const config = { ...family.defaults, ...a, ...b } as FamilyConfig;
    for (const key of Object.keys(config)) {
      if (!(key in family.defaults)) {
        throw new RangeError(
          `Invalid option distortions.${family.name}.${key}: not a setting of ${family.name} (known: ${
            Object.keys(family.defaults).join(", ")
          })`,
        );
      }
    }
    const p = config.probability;
    if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
      throw new RangeError(
        `Invalid option distortions.${family.name}.probability = ${
          JSON.stringify(p)
        }: must be between 0 and 1`,
      );
    }
    family.validate(config);
    if (p > 0) out[family.name] = Object.freeze(config);
  }
  return Object.freeze(out);
}
