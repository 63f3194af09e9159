/**
 * The `Prefer` header as the annotation protocol uses it (RFC 7240, LDP 7.2): which of the
 * container preferences a request names in `return=representation; include="…"`. Pure.
 */

export const PREFER_MINIMAL_CONTAINER = "http://www.w3.org/ns/ldp#PreferMinimalContainer";
export const PREFER_CONTAINED_IRIS = "http://www.w3.org/ns/oa#PreferContainedIRIs";
export const PREFER_CONTAINED_DESCRIPTIONS = "http://www.w3.org/ns/oa#PreferContainedDescriptions";
/** LDP's containment triples: omitting them leaves the container without its items (LDP 4.2.2). */
export const PREFER_CONTAINMENT = "http://www.w3.org/ns/ldp#PreferContainment";

export interface ContainerPreference {
  /** The container description only: no embedded page, `first`/`last` as links. */
  minimal: boolean;
  /** Items as IRIs or as full descriptions; null when the request does not say. */
  contained: "iris" | "descriptions" | null;
  /** What to answer in `Preference-Applied`, or null when nothing was applied. */
  applied: string | null;
}

/** The IRIs in the `include` (or `omit`) parameter of a `return=representation` preference. */
function preferenceIris(prefer: string, parameter: "include" | "omit"): string[] {
  const iris: string[] = [];
  // Several preferences may share one header, separated by commas; only one says `return`.
  for (const preference of prefer.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
    const [head, ...params] = preference.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((part) => part.trim());
    if (!/^return\s*=\s*"?representation"?$/i.test(head)) continue;
    for (const param of params) {
      const [name, ...value] = param.split("=");
      if (name.trim().toLowerCase() !== parameter) continue;
      const match = /^\s*(?:"([^"]*)"|(\S+))$/.exec(value.join("="));
      if (match) iris.push(...(match[1] ?? match[2]).split(/\s+/).filter(Boolean));
    }
  }
  return iris;
}

/**
 * The container preferences of a request. Asking for both IRIs and descriptions is something
 * the protocol says a client MUST NOT do; neither is then applied (the default stands).
 * Omitting `ldp#PreferContainment` (what an LDP client says) is the minimal container too.
 */
export function containerPreference(prefer: string | null): ContainerPreference {
  const iris = prefer ? preferenceIris(prefer, "include") : [];
  const omitted = prefer ? preferenceIris(prefer, "omit") : [];
  const omitsContainment = omitted.includes(PREFER_CONTAINMENT);
  const minimal = iris.includes(PREFER_MINIMAL_CONTAINER) || omitsContainment;
  const wantsIris = iris.includes(PREFER_CONTAINED_IRIS);
  const wantsDescriptions = iris.includes(PREFER_CONTAINED_DESCRIPTIONS);
  const contained = wantsIris && !wantsDescriptions ? "iris" : wantsDescriptions && !wantsIris ? "descriptions" : null;
  const included = [iris.includes(PREFER_MINIMAL_CONTAINER) ? PREFER_MINIMAL_CONTAINER : null, contained === "iris" ? PREFER_CONTAINED_IRIS : contained === "descriptions" ? PREFER_CONTAINED_DESCRIPTIONS : null].filter(
    (value): value is string => value !== null,
  );
  const parts = [...(included.length > 0 ? [`include="${included.join(" ")}"`] : []), ...(omitsContainment ? [`omit="${PREFER_CONTAINMENT}"`] : [])];
  return { minimal, contained, applied: parts.length > 0 ? `return=representation; ${parts.join("; ")}` : null };
}
