/**
 * The MUSTs of the W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/) as
 * plain checks: what an annotation, a collection or a page has to be before this server emits it.
 * Written from the Recommendation; each rule is named after the assertion of
 * w3c/web-annotation-tests that checks the same requirement (`3.1-annotationContextValidated`…),
 * so a failure reads like that suite's report. Pure. SHOULDs are left out: they are choices.
 */

export const ANNO_CONTEXT_IRI = "http://www.w3.org/ns/anno.jsonld";

/** One requirement a value breaks: where (a dotted path), which assertion, and what is wrong. */
export interface ModelProblem {
  path: string;
  rule: string;
  message: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
/** A member that is there (JSON has no undefined; an object built in code may). */
const has = (value: Json, key: string): boolean => value[key] !== undefined;
const many = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** An absolute IRI: a scheme, then anything without spaces (RFC 3987's `IRI`, loosely). */
export function isIri(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]*$/.test(value);
}

// xsd:dateTime (the model: "MUST be expressed in the xsd:dateTime format").
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

const SELECTOR_TYPES = ["FragmentSelector", "CssSelector", "XPathSelector", "TextQuoteSelector", "TextPositionSelector", "DataPositionSelector", "SvgSelector", "RangeSelector"];
const STATE_TYPES = ["TimeState", "HttpRequestState"];
const LIST_TYPES = ["Choice", "Composite", "List", "Independents"];
const TEXT_DIRECTIONS = ["ltr", "rtl", "auto"];

class Checker {
  readonly problems: ModelProblem[] = [];

  fail(path: string, rule: string, message: string): void {
    this.problems.push({ path, rule, message });
  }

  /** `@context` has the annotation context, alone or among others. */
  context(value: Json, rule: string): void {
    const context = value["@context"];
    const found = context === ANNO_CONTEXT_IRI || (Array.isArray(context) && context.includes(ANNO_CONTEXT_IRI));
    if (!found) this.fail("@context", rule, `must be or include ${ANNO_CONTEXT_IRI}`);
  }

  /** `key`, when present, is exactly one IRI (a one-item array allowed, as JSON-LD allows). */
  singleIri(value: Json, key: string, path: string, rule: string, required = false): void {
    if (!has(value, key)) {
      if (required) this.fail(path, rule, "is required");
      return;
    }
    const values = many(value[key]);
    if (values.length !== 1 || !isIri(values[0])) this.fail(path, rule, "must be exactly one IRI");
  }

  /** `key`, when present, is one or more IRIs. */
  iris(value: Json, key: string, path: string, rule: string): void {
    if (!has(value, key)) return;
    const values = many(value[key]);
    if (values.length === 0 || !values.every(isIri)) this.fail(path, rule, "must be one or more IRIs");
  }

  /** `created`, `modified`, `generated`: one xsd:dateTime when present. */
  times(value: Json, path: string, prefix: string): void {
    for (const key of ["created", "modified", "generated"]) {
      if (!has(value, key)) continue;
      const values = many(value[key]);
      if (values.length !== 1 || typeof values[0] !== "string" || !DATE_TIME.test(values[0])) {
        this.fail(join(path, key), `3.3.1-${prefix}${key[0].toUpperCase()}${key.slice(1)}Validated`, "must be one xsd:dateTime");
      }
    }
  }

  /** An agent (creator, generator): an IRI, or an object whose `id`, if any, is one IRI. */
  agents(value: Json, path: string): void {
    for (const key of ["creator", "generator"]) {
      for (const [index, agent] of many(value[key]).entries()) {
        const at = `${join(path, key)}${Array.isArray(value[key]) ? `.${index}` : ""}`;
        if (typeof agent === "string") {
          if (!isIri(agent)) this.fail(at, "3.3.2-agentIdValidated", "an agent given by reference must be an IRI");
        } else if (isObject(agent)) {
          this.singleIri(agent, "id", join(at, "id"), "3.3.2-agentIdValidated");
        } else {
          this.fail(at, "3.3.2-agentIdValidated", "must be an IRI or an agent object");
        }
      }
    }
  }

  /** One body or target: an IRI, or an object the model describes (section 3.2, 4). */
  resource(value: unknown, path: string, role: "body" | "target"): void {
    const recognized = role === "body" ? "3.2-bodyObjectsRecognized" : "3.2-targetObjectsRecognized";
    if (typeof value === "string") {
      if (!isIri(value)) this.fail(path, recognized, "a resource given by reference must be an IRI");
      return;
    }
    if (!isObject(value)) {
      this.fail(path, recognized, "must be an IRI or an object");
      return;
    }
    const types = many(value.type);
    const prefix = role === "body" ? "body" : "targ";
    this.times(value, path, prefix);
    this.iris(value, "rights", join(path, "rights"), `3.3.6-${prefix}RightsValidated`);
    this.singleIri(value, "canonical", join(path, "canonical"), `3.3.7-${prefix}CanonicalValidated`);
    this.iris(value, "via", join(path, "via"), `3.3.7-${prefix}ViaValidated`);
    if (has(value, "textDirection") && !TEXT_DIRECTIONS.includes(value.textDirection as string)) {
      this.fail(join(path, "textDirection"), `3.2.1-${prefix}TextDirectionValidated`, "must be ltr, rtl or auto");
    }
    if (types.some((type) => LIST_TYPES.includes(type as string))) {
      // Choice and the sets: their resources are their items, and they have no value or source.
      const items = value.items;
      if (!Array.isArray(items) || items.length === 0) this.fail(join(path, "items"), `3.2.7-${prefix}ChoiceSetItems`, "a Choice or set must have one or more items");
      if (has(value, "value")) this.fail(join(path, "value"), `3.2.4-${prefix}ChoiceSetNoValue`, "a Choice or set has no value");
      if (has(value, "source")) this.fail(join(path, "source"), `4-${prefix}ChoiceSetNoSource`, "a Choice or set has no source");
      many(items).forEach((item, index) => this.resource(item, `${path}.items.${index}`, role));
      return;
    }
    if (has(value, "source") || has(value, "selector") || has(value, "state")) {
      this.specificResource(value, path, prefix);
      return;
    }
    if (types.includes("TextualBody") || (has(value, "value") && !has(value, "id"))) {
      if (role === "target") this.fail(path, "3.2.4-targNoTypeTextualBody", "a target cannot be an embedded TextualBody");
      const values = many(value.value);
      if (values.length !== 1 || typeof values[0] !== "string") this.fail(join(path, "value"), "3.2.4-textualBodyValue", "an embedded textual body must have exactly one string value");
      if (has(value, "items")) this.fail(join(path, "items"), `3.2.7-${prefix}EmbeddedTextualNoItems`, "an embedded textual body has no items");
      return;
    }
    // An external web resource: its IRI in `id`.
    this.singleIri(value, "id", join(path, "id"), recognized, true);
    if (has(value, "items")) this.fail(join(path, "items"), `3.2.7-${prefix}EWRNoItems`, "an external resource has no items");
  }

  specificResource(value: Json, path: string, prefix: string): void {
    const sources = many(value.source);
    const source = sources[0];
    if (sources.length !== 1 || !(isIri(source) || (isObject(source) && isIri(source.id)))) {
      this.fail(join(path, "source"), "4-specificResourceSource", "a specific resource must have exactly one source: an IRI, or a resource with an IRI as id");
    }
    if (has(value, "value")) this.fail(join(path, "value"), `4-${prefix}SpecificResourceNoValue`, "a specific resource has no value");
    if (has(value, "items")) this.fail(join(path, "items"), `3.2.7-${prefix}SpecificResourceNoItems`, "a specific resource has no items");
    many(value.selector).forEach((selector, index) => this.selector(selector, `${join(path, "selector")}${Array.isArray(value.selector) ? `.${index}` : ""}`));
    many(value.state).forEach((state, index) => this.state(state, `${join(path, "state")}${Array.isArray(value.state) ? `.${index}` : ""}`));
    if (has(value, "styleClass") && !many(value.styleClass).every((item) => typeof item === "string")) {
      this.fail(join(path, "styleClass"), "4.4-styleClassValidIfPresent", "must be one or more strings");
    }
  }

  /** A selector (4.2): an IRI, or an object of a selector type with what that type requires. */
  selector(value: unknown, path: string): void {
    const rule = "4.2-selectorValidIfPresent";
    if (typeof value === "string") {
      if (!isIri(value)) this.fail(path, rule, "a selector given by reference must be an IRI");
      return;
    }
    if (!isObject(value) || typeof value.type !== "string" || !SELECTOR_TYPES.includes(value.type)) {
      this.fail(path, rule, `must be an IRI or an object whose type is one of ${SELECTOR_TYPES.join(", ")}`);
      return;
    }
    const string = (key: string, rule: string) => {
      const values = many(value[key]);
      if (values.length !== 1 || typeof values[0] !== "string") this.fail(join(path, key), rule, `a ${value.type} must have exactly one ${key} string`);
    };
    const offset = (key: string, rule: string) => {
      const values = many(value[key]);
      if (values.length !== 1 || !Number.isInteger(values[0]) || (values[0] as number) < 0) this.fail(join(path, key), rule, `a ${value.type} must have exactly one ${key}, a whole number ≥ 0`);
    };
    switch (value.type) {
      case "FragmentSelector":
      case "CssSelector":
      case "XPathSelector":
        string("value", "4.2-fragmentCssXPathSelectorValid");
        break;
      case "SvgSelector":
        if (!has(value, "value") && !has(value, "id")) this.fail(path, "4.2.7-svgSelectorValid", "an SvgSelector must have a value or an id");
        break;
      case "TextQuoteSelector":
        string("exact", "4.2.4-textQuoteSelectorValid");
        for (const key of ["prefix", "suffix"]) if (has(value, key)) string(key, "4.2.4-textQuoteSelectorValid");
        break;
      case "TextPositionSelector":
      case "DataPositionSelector":
        offset("start", "4.2-TextDataPositionSelectorValid");
        offset("end", "4.2-TextDataPositionSelectorValid");
        break;
      case "RangeSelector":
        if (!has(value, "startSelector") || !has(value, "endSelector")) this.fail(path, "4.2.8-rangeSelectorValid", "a RangeSelector must have a startSelector and an endSelector");
        if (has(value, "startSelector")) this.selector(value.startSelector, join(path, "startSelector"));
        if (has(value, "endSelector")) this.selector(value.endSelector, join(path, "endSelector"));
        break;
    }
    many(value.refinedBy).forEach((refinement, index) => {
      const at = `${join(path, "refinedBy")}${Array.isArray(value.refinedBy) ? `.${index}` : ""}`;
      if (isObject(refinement) && typeof refinement.type === "string" && STATE_TYPES.includes(refinement.type)) this.state(refinement, at);
      else this.selector(refinement, at);
    });
  }

  /** A state (4.3): an IRI, or a TimeState / HttpRequestState with what it requires. */
  state(value: unknown, path: string): void {
    if (typeof value === "string") {
      if (!isIri(value)) this.fail(path, "4.3-stateValidIfPresent", "a state given by reference must be an IRI");
      return;
    }
    if (!isObject(value) || typeof value.type !== "string" || !STATE_TYPES.includes(value.type)) {
      this.fail(path, "4.3-stateValidIfPresent", `must be an IRI or an object whose type is one of ${STATE_TYPES.join(", ")}`);
      return;
    }
    if (value.type === "HttpRequestState" && typeof value.value !== "string") this.fail(join(path, "value"), "4.3.2-httpRequestStateValid", "an HttpRequestState must have exactly one value string");
    if (value.type === "TimeState" && !has(value, "sourceDate") && !has(value, "sourceDateStart")) this.fail(path, "4.3.1-timeStateValid", "a TimeState must have a sourceDate, or a sourceDateStart and sourceDateEnd");
    many(value.refinedBy).forEach((refinement, index) => this.state(refinement, `${join(path, "refinedBy")}.${index}`));
  }

  /** Everything the model requires of one annotation (section 3). */
  annotation(value: unknown, path: string, options: { embedded: boolean }): void {
    if (!isObject(value)) {
      this.fail(path || "(annotation)", "3.1-annotation", "must be an object");
      return;
    }
    const at = (key: string) => join(path, key);
    if (!options.embedded) this.context(value, "3.1-annotationContextValidated");
    this.singleIri(value, "id", at("id"), "3.1-annotationIdValidated", true);
    const types = many(value.type);
    if (!types.includes("Annotation")) this.fail(at("type"), "3.1-annotationTypeValidated", "must be or include Annotation");
    const targets = many(value.target);
    if (targets.length === 0) this.fail(at("target"), "3.1-targetKeyFound", "must have one or more targets");
    targets.forEach((target, index) => this.resource(target, Array.isArray(value.target) ? `${at("target")}.${index}` : at("target"), "target"));
    many(value.body).forEach((body, index) => this.resource(body, Array.isArray(value.body) ? `${at("body")}.${index}` : at("body"), "body"));
    if (has(value, "body") && has(value, "bodyValue")) this.fail(at("bodyValue"), "3.2.5-notBodyBodyValue", "an annotation cannot have both body and bodyValue");
    if (has(value, "bodyValue")) {
      const values = many(value.bodyValue);
      if (values.length !== 1 || typeof values[0] !== "string") this.fail(at("bodyValue"), "3.2.5-bodyValueValidated", "must be exactly one string");
    }
    this.times(value, path, "annotation");
    this.agents(value, path);
    this.iris(value, "rights", at("rights"), "3.3.6-annotationRightsValidated");
    this.singleIri(value, "canonical", at("canonical"), "3.3.7-annotationCanonicalValidated");
    this.iris(value, "via", at("via"), "3.3.7-annotationViaValidated");
    if (has(value, "stylesheet")) {
      const sheet = value.stylesheet;
      const valid = isIri(sheet) || (isObject(sheet) && (isIri(sheet.id) || typeof sheet.value === "string"));
      if (!valid) this.fail(at("stylesheet"), "4.4-annotationStylesheetValidated", "must be an IRI or a CssStylesheet with an id or a value");
    }
  }

  /** An AnnotationPage (5.2): one IRI, the type, items; links that are IRIs. */
  page(value: unknown, path: string, options: { embedded: boolean }): void {
    if (!isObject(value)) {
      this.fail(path || "(page)", "5.2-pageTypeValidated", "must be an object");
      return;
    }
    const at = (key: string) => join(path, key);
    if (!options.embedded) this.context(value, "5.2-pageContextValidated");
    this.singleIri(value, "id", at("id"), "5.2-pageIdValidated", true);
    if (!many(value.type).includes("AnnotationPage")) this.fail(at("type"), "5.2-pageTypeValidated", "must be or include AnnotationPage");
    if (!Array.isArray(value.items)) this.fail(at("items"), "5.2-pageItemsValidated", "must be an array of annotations");
    if (has(value, "partOf")) {
      const partOf = value.partOf;
      if (!(isIri(partOf) || (isObject(partOf) && isIri(partOf.id)))) this.fail(at("partOf"), "5.2-pagePartOfValidated", "must be the collection's IRI, or an object with it as id");
    }
    for (const key of ["next", "prev"]) this.singleIri(value, key, at(key), `5.2-page${key[0].toUpperCase()}${key.slice(1)}Validated`);
    if (has(value, "startIndex") && !(Number.isInteger(value.startIndex) && (value.startIndex as number) >= 0)) this.fail(at("startIndex"), "5.2-pageStartIndexValidated", "must be a whole number ≥ 0");
    many(value.items).forEach((item, index) => {
      if (typeof item === "string") {
        if (!isIri(item)) this.fail(`${at("items")}.${index}`, "5.2-pageItemsValidated", "an item given by reference must be an IRI");
      } else {
        // An item in a page carries its own context or inherits the page's; either way it is checked whole.
        this.annotation(item, `${at("items")}.${index}`, { embedded: !isObject(item) || !("@context" in item) });
      }
    });
  }

  /** An AnnotationCollection (5.1): one IRI, the type, label and total if given, first and last. */
  collection(value: unknown): void {
    if (!isObject(value)) {
      this.fail("(collection)", "5.1-collectionTypeValidated", "must be an object");
      return;
    }
    this.context(value, "5.1-collectionContextValidated");
    this.singleIri(value, "id", "id", "5.1-collectionIdValidated", true);
    if (!many(value.type).includes("AnnotationCollection")) this.fail("type", "5.1-collectionTypeValidated", "must be or include AnnotationCollection");
    if (has(value, "label") && !many(value.label).every((label) => typeof label === "string")) this.fail("label", "5.1-collectionLabelValidated", "must be one or more strings");
    if (has(value, "total") && !(Number.isInteger(value.total) && (value.total as number) >= 0)) this.fail("total", "5.1-collectionTotalValidated", "must be a whole number ≥ 0");
    if (has(value, "first")) {
      if (isObject(value.first)) this.page(value.first, "first", { embedded: true });
      else this.singleIri(value, "first", "first", "5.1-collectionFirstValidated");
    }
    this.singleIri(value, "last", "last", "5.1-collectionLastValidated");
    this.times(value, "", "collection");
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/**
 * What an annotation breaks of the model's MUSTs; none when it meets them. `embedded` for an
 * annotation inside a document whose context it shares (then it needs no `@context` of its own).
 */
export function annotationProblems(value: unknown, options: { embedded?: boolean } = {}): ModelProblem[] {
  const checker = new Checker();
  checker.annotation(value, "", { embedded: options.embedded ?? false });
  return checker.problems;
}

/** What an AnnotationPage (and every item in it) breaks of the model's MUSTs. */
export function pageProblems(value: unknown): ModelProblem[] {
  const checker = new Checker();
  checker.page(value, "", { embedded: false });
  return checker.problems;
}

/** What an AnnotationCollection (with an embedded first page, and its items) breaks of the model's MUSTs. */
export function collectionProblems(value: unknown): ModelProblem[] {
  const checker = new Checker();
  checker.collection(value);
  return checker.problems;
}
