/**
 * The `Prefer` header as the annotation protocol uses it (RFC 7240, LDP 7.2): which of the
 * container preferences a request names in `return=representation; include="…"`. Pure.
 */

export const PREFER_MINIMAL_CONTAINER = "http://www.w3.org/ns/ldp#PreferMinimalContainer";
export const PREFER_CONTAINED_IRIS = "http://www.w3.org/ns/oa#PreferContainedIRIs";
export const PREFER_CONTAINED_DESCRIPTIONS = "http://www.w3.org/ns/oa#PreferContainedDescriptions";

export interface ContainerPreference {
  /** The container description only: no embedded page, `first`/`last` as links. */
  minimal: boolean;
  /** Items as IRIs or as full descriptions; null when the request does not say. */
  contained: "iris" | "descriptions" | null;
  /** What to answer in `Preference-Applied`, or null when nothing was applied. */
  applied: string | null;
}

/** The IRIs in the `include` parameter of a `return=representation` preference. */
function includedIris(prefer: string): string[] {
  const iris: string[] = [];
  // Several preferences may share one header, separated by commas; only one says `return`.
  for (const preference of prefer.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
    const [head, ...params] = preference.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((part) => part.trim());
    if (!/^return\s*=\s*"?representation"?$/i.test(head)) continue;
    for (const param of params) {
      const match = /^include\s*=\s*(?:"([^"]*)"|(\S+))$/i.exec(param);
      if (match) iris.push(...(match[1] ?? match[2]).split(/\s+/).filter(Boolean));
    }
  }
  return iris;
}

/**
 * The container preferences of a request. Asking for both IRIs and descriptions is something
 * the protocol says a client MUST NOT do; neither is then applied (the default stands).
 */
export function containerPreference(prefer: string | null): ContainerPreference {
  const iris = prefer ? includedIris(prefer) : [];
  const minimal = iris.includes(PREFER_MINIMAL_CONTAINER);
  const wantsIris = iris.includes(PREFER_CONTAINED_IRIS);
  const wantsDescriptions = iris.includes(PREFER_CONTAINED_DESCRIPTIONS);
  const contained = wantsIris && !wantsDescriptions ? "iris" : wantsDescriptions && !wantsIris ? "descriptions" : null;
  const applied = [minimal ? PREFER_MINIMAL_CONTAINER : null, contained === "iris" ? PREFER_CONTAINED_IRIS : contained === "descriptions" ? PREFER_CONTAINED_DESCRIPTIONS : null].filter(
    (value): value is string => value !== null,
  );
  return { minimal, contained, applied: applied.length > 0 ? `return=representation; include="${applied.join(" ")}"` : null };
}
