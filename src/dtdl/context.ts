import { parseDtmi } from "./dtmi.js";
import type { ErrorCollector } from "./errors.js";
import { metamodel } from "./generated/metamodel.js";
import { isJsonObject, type JsonElement } from "./jsonElement.js";
import { KNOWN_VERSIONS, type VersionIndex, versionIndex } from "./rules.js";

const DTDL_CONTEXT_PREFIX = "dtmi:dtdl:context;";

/** One entry of an `@context` value. */
type ContextComponent =
  | { readonly local: false; readonly remoteId: string }
  | { readonly local: true; readonly terms: ReadonlyMap<string, unknown> };

interface AffiliateContext {
  readonly specifier: string;
  readonly terms: ReadonlyMap<string, string>;
  readonly reservedPrefixes: readonly string[];
  readonly limitSpec?: string;
  readonly limitsVersion?: number;
}

/** Known affiliate (extension) contexts by versionless name, then by major version. */
const AFFILIATES = new Map<string, Map<number, AffiliateContext>>();
for (const [specifier, terms] of Object.entries(metamodel.contexts)) {
  const parts = parseDtmi(specifier)!;
  const name = parts.versionless;
  const limit = metamodel.limitContexts[specifier];
  let byMajor = AFFILIATES.get(name);
  if (!byMajor) {
    byMajor = new Map();
    AFFILIATES.set(name, byMajor);
  }
  byMajor.set(parts.majorVersion, {
    specifier,
    terms: new Map(Object.entries(terms)),
    reservedPrefixes: metamodel.reservedIdPrefixes[specifier] ?? [],
    ...(limit ? { limitSpec: limit.spec, limitsVersion: limit.dtdlVersion } : {}),
  });
}

export interface ContextOptions {
  readonly allowUndefinedExtensions: boolean | undefined;
  readonly maxDtdlVersion: number;
  /** Limit contexts a v4 model may select (e.g. `dtmi:dtdl:limits:onvif`). */
  readonly acceptableLimitContexts: readonly string[];
}

/**
 * The context in force for an element: the DTDL version, the extensions it includes, and whether
 * any context was not recognised (which makes the model "incomplete" rather than invalid).
 */
export class ActiveContext {
  private constructor(
    readonly options: ContextOptions,
    readonly dtdlVersion: number,
    readonly dtdlSpecifier: string | undefined,
    private readonly affiliates: ReadonlyMap<string, AffiliateContext>,
    private readonly unrecognized: ReadonlySet<string>,
    readonly limitSpecifier: string,
    readonly limitContext: string | undefined,
  ) {}

  static root(options: ContextOptions): ActiveContext {
    return new ActiveContext(options, 0, undefined, new Map(), new Set(), "", undefined);
  }

  private cachedIndex: VersionIndex | undefined;

  get index(): VersionIndex {
    // Asked for by nearly every step of element parsing; the root context (version 0) has none.
    if (this.cachedIndex === undefined) this.cachedIndex = versionIndex(this.dtdlVersion);
    return this.cachedIndex;
  }

  get isComplete(): boolean {
    return this.unrecognized.size === 0;
  }

  get restrictKeywords(): boolean {
    return this.index.rules.restrictKeywords === true;
  }

  /** Extension contexts in force (their specifiers). */
  get extensionSpecifiers(): string[] {
    return [...this.affiliates.values()].map((a) => a.specifier);
  }

  isIdentifierReserved(id: string): boolean {
    if (startsWithAny(id, this.index.reservedPrefixes)) return true;
    if (this.affiliates.size === 0) return false;
    for (const a of this.affiliates.values()) if (startsWithAny(id, a.reservedPrefixes)) return true;
    return false;
  }

  reservedPrefixesText(): string {
    const all = [...this.index.reservedPrefixes];
    for (const a of this.affiliates.values()) all.push(...a.reservedPrefixes);
    return all.map((p) => `'${p}'`).join(", ");
  }

  /** Is the string a valid DTMI reference for this version (and limits)? */
  isIdReferenceValid(id: string): boolean {
    return isIdReferenceValid(id, this.dtdlVersion, this.limitSpecifier);
  }

  /** Expands a term through the active contexts, or accepts a DTMI; undefined when neither. */
  resolveDtmi(uriOrTerm: string): string | undefined {
    if (uriOrTerm.startsWith("dtmi:")) return this.isIdReferenceValid(uriOrTerm) ? uriOrTerm : undefined;
    if (uriOrTerm.includes(":")) return undefined;
    const iri = this.termIri(uriOrTerm);
    return iri?.startsWith("dtmi:") ? iri : undefined;
  }

  /** Expands a term; absolute non-DTMI IRIs are returned as they are. */
  resolveUri(uriOrTerm: string): string | undefined {
    if (uriOrTerm.startsWith("dtmi:")) return this.isIdReferenceValid(uriOrTerm) ? uriOrTerm : undefined;
    if (!uriOrTerm.includes(":")) return this.termIri(uriOrTerm);
    return isAbsoluteUri(uriOrTerm) ? uriOrTerm : undefined;
  }

  termIri(term: string): string | undefined {
    const core = this.index.coreTerms.get(term);
    if (core !== undefined) return core;
    for (const a of this.affiliates.values()) {
      const iri = a.terms.get(term);
      if (iri !== undefined) return iri;
    }
    return undefined;
  }

  /** Child contexts already derived from this one, by their `@context` text (valid ones only). */
  private readonly children = new Map<string, ActiveContext>();
  /** The same for contexts given as one string (the usual case), keyed by the string itself. */
  private readonly stringChildren = new Map<string, ActiveContext>();
  /** The same for the first few arrays of strings (a model set tends to repeat one or two). */
  private readonly arrayChildren: { readonly strings: readonly string[]; readonly child: ActiveContext }[] = [];

  /** The context of an element nested in this one (this context when it has no `@context`). */
  child(elt: JsonElement, errors: ErrorCollector): ActiveContext {
    if (!elt.hasContext) {
      if (this.dtdlSpecifier === undefined) errors.quit("missingContext");
      return this;
    }
    // Most documents repeat the same @context; deriving it once per parent context is enough.
    if (typeof elt.context === "string") {
      const cached = this.stringChildren.get(elt.context);
      if (cached) return cached;
    } else if (Array.isArray(elt.context)) {
      for (let i = 0; i < this.arrayChildren.length; i++) {
        const entry = this.arrayChildren[i]!;
        if (sameStrings(elt.context, entry.strings)) return entry.child;
      }
    }
    const key = contextKey(elt.context);
    if (key !== undefined) {
      const cached = this.children.get(key);
      if (cached) return cached;
    }
    const components = readComponents(elt.context, errors);
    if (components.length === 0) {
      if (this.dtdlSpecifier === undefined) errors.quit("emptyContext");
      return this;
    }
    const before = errors.errors.length;
    const child = this.childFromComponents(components, errors);
    if (key !== undefined && errors.errors.length === before && this.children.size < 64) {
      this.children.set(key, child);
      if (typeof elt.context === "string") this.stringChildren.set(elt.context, child);
    }
    if (key !== undefined && Array.isArray(elt.context) && this.arrayChildren.length < 8) {
      this.arrayChildren.push({ strings: [...(elt.context as string[])], child });
    }
    return child;
  }

  private childFromComponents(components: readonly ContextComponent[], errors: ErrorCollector): ActiveContext {
    let version = this.dtdlVersion;
    let specifier = this.dtdlSpecifier;
    let limitSpecifier = this.limitSpecifier;
    let limitContext = this.limitContext;
    let start = 0;

    const preface = new Map<string, AffiliateContext>();
    for (;;) {
      const c = components[start];
      if (!c || c.local) break;
      if (!Object.hasOwn(metamodel.affiliateContexts, c.remoteId)) break;
      const implicit = metamodel.affiliateContexts[c.remoteId]!;
      const found = this.affiliateFrom(c, implicit, errors);
      if (found) preface.set(found[0], found[1]);
      start++;
    }

    for (;;) {
      const c = components[start];
      if (!c || c.local || !c.remoteId.startsWith(DTDL_CONTEXT_PREFIX)) break;
      const dtdl = this.dtdlContextFrom(c.remoteId, errors);
      version = dtdl.major;
      specifier = c.remoteId;
      start++;
      if (versionIndex(version).rules.allowCustomLimits) {
        limitContext = undefined;
        if (dtdl.specifiesLimits) {
          limitSpecifier = "";
        } else {
          const next = components[start];
          const spec = next ? this.limitSpecifierFrom(next, version, errors) : undefined;
          if (spec === undefined)
            errors.quit("missingLimitContext", { value: c.remoteId, restriction: String(version) });
          limitSpecifier = spec;
          limitContext = (next as { remoteId: string }).remoteId;
          start++;
        }
      }
    }

    if (specifier === undefined) errors.quit("missingDtdlContext");

    let end = components.length - 1;
    const last = components[end]!;
    if (last.local) {
      if (!versionIndex(version).rules.allowLocalTerms) {
        errors.quit("disallowedLocalContext", { restriction: String(version) });
      }
      end--;
    }

    let affiliates: ReadonlyMap<string, AffiliateContext> = this.affiliates;
    let unrecognized: ReadonlySet<string> = this.unrecognized;
    if (start <= end || preface.size > 0) {
      const nextAffiliates = new Map(this.affiliates);
      for (const [k, v] of preface) nextAffiliates.set(k, v);
      const nextUnrecognized = new Set(this.unrecognized);
      for (let i = start; i <= end; i++) {
        const c = components[i]!;
        const found = this.affiliateFrom(c, version, errors);
        if (found) nextAffiliates.set(found[0], found[1]);
        else if (!c.local) nextUnrecognized.add(c.remoteId);
      }
      affiliates = nextAffiliates;
      unrecognized = nextUnrecognized;
    }

    return new ActiveContext(this.options, version, specifier, affiliates, unrecognized, limitSpecifier, limitContext);
  }

  private dtdlContextFrom(remoteId: string, errors: ErrorCollector): { major: number; specifiesLimits: boolean } {
    const parts = parseDtmi(remoteId);
    if (!parts) errors.quit("invalidContextSpecifier", { value: remoteId });
    const fragment = parts.fragment;
    if (fragment !== "" && fragment !== "#limitless" && fragment !== "#limits") {
      errors.quit("invalidContextFragment", { value: remoteId });
    }
    const allowsLimits = KNOWN_VERSIONS.includes(parts.majorVersion)
      ? versionIndex(parts.majorVersion).rules.allowCustomLimits === true
      : false;
    if (!allowsLimits && fragment !== "") {
      errors.quit("disallowedContextFragment", { value: remoteId, restriction: String(parts.majorVersion) });
    }
    if (parts.majorVersion === 0) errors.quit("missingContextVersion", { value: remoteId });
    if (fragment === "#limits") errors.quit("misplacedLimitContext", { value: remoteId });
    if (!KNOWN_VERSIONS.includes(parts.majorVersion) || parts.minorVersion !== 0) {
      errors.quit("unrecognizedContextVersion", { value: remoteId, restriction: KNOWN_VERSIONS.join(", ") });
    }
    if (parts.majorVersion > this.options.maxDtdlVersion) {
      errors.quit("disallowedContextVersion", { value: remoteId, restriction: String(this.options.maxDtdlVersion) });
    }
    if (!isIdReferenceValid(parts.fragmentless, parts.majorVersion, "")) {
      errors.quit("invalidContextSpecifierForVersion", { value: remoteId, restriction: String(parts.majorVersion) });
    }
    return { major: parts.majorVersion, specifiesLimits: fragment !== "#limitless" };
  }

  private affiliateFrom(
    c: ContextComponent,
    version: number,
    errors: ErrorCollector,
  ): [string, AffiliateContext] | undefined {
    if (c.local) errors.quit("localContextNotLast");
    const remoteId = c.remoteId;
    if (remoteId.startsWith(DTDL_CONTEXT_PREFIX)) errors.quit("dtdlContextFollowsAffiliate", { value: remoteId });
    if (!remoteId.startsWith("dtmi:")) errors.quit("nonDtmiContextSpecifier", { value: remoteId });
    const parts = parseDtmi(remoteId);
    if (parts?.fragment !== "") errors.quit("invalidContextSpecifier", { value: remoteId });
    if (!isIdReferenceValid(remoteId, version, "")) {
      errors.quit("invalidContextSpecifierForVersion", { value: remoteId, restriction: String(version) });
    }
    if (parts.majorVersion === 0) errors.quit("missingContextVersion", { value: remoteId });
    const allow = this.allowUndefinedExtensions(version);
    const history = AFFILIATES.get(parts.versionless);
    if (!history) {
      if (!allow) errors.quit("unresolvableContextSpecifier", { value: remoteId });
      return undefined;
    }
    const found = parts.minorVersion === 0 ? history.get(parts.majorVersion) : undefined;
    if (!found) {
      if (!allow) {
        errors.quit("unresolvableContextVersion", {
          value: remoteId,
          restriction: [...history.keys()].join(", "),
        });
      }
      return undefined;
    }
    if (found.limitSpec !== undefined) errors.quit("misplacedLimitContext", { value: remoteId });
    return [parts.versionless, found];
  }

  private limitSpecifierFrom(c: ContextComponent, version: number, errors: ErrorCollector): string | undefined {
    if (c.local) return undefined;
    const remoteId = c.remoteId;
    if (!remoteId.startsWith("dtmi:")) errors.quit("nonDtmiContextSpecifier", { value: remoteId });
    const parts = parseDtmi(remoteId);
    if (!parts) errors.quit("invalidContextSpecifier", { value: remoteId });
    if (parts.majorVersion === 0) errors.quit("missingContextVersion", { value: remoteId });
    if (!isIdReferenceValid(parts.fragmentless, version, "")) {
      errors.quit("invalidContextSpecifierForVersion", { value: remoteId, restriction: String(version) });
    }
    if (remoteId.startsWith(DTDL_CONTEXT_PREFIX)) {
      if (parts.fragment !== "" && parts.fragment !== "#limitless" && parts.fragment !== "#limits") {
        errors.quit("invalidContextFragment", { value: remoteId });
      }
      if (parts.fragment !== "#limitless" && parts.majorVersion === version) return "";
      return undefined;
    }
    if (parts.fragment !== "") errors.quit("invalidContextSpecifier", { value: remoteId });
    const found = AFFILIATES.get(parts.versionless)?.get(parts.majorVersion);
    if (found?.limitSpec !== undefined && found.limitsVersion === version) {
      for (const acceptable of this.options.acceptableLimitContexts) {
        const a = parseDtmi(acceptable);
        if (!a || a.versionless !== parts.versionless) continue;
        if (a.majorVersion === 0 || (a.majorVersion === parts.majorVersion && a.minorVersion <= parts.minorVersion)) {
          return found.limitSpec;
        }
      }
      errors.quit("disallowedLimitContext", { value: remoteId });
    }
    return undefined;
  }

  private allowUndefinedExtensions(version: number): boolean {
    return (
      this.options.allowUndefinedExtensions ??
      (KNOWN_VERSIONS.includes(version) && versionIndex(version).rules.allowUndefinedExtensionsByDefault === true)
    );
  }
}

/** Whether a context value is an array holding exactly these strings. */
function sameStrings(context: unknown, strings: readonly string[]): boolean {
  if (!Array.isArray(context) || context.length !== strings.length) return false;
  for (let i = 0; i < strings.length; i++) if (context[i] !== strings[i]) return false;
  return true;
}

/** A cache key for string or string-array contexts (others are rare and not cached). */
function contextKey(context: unknown): string | undefined {
  if (typeof context === "string") return `s${context}`;
  if (Array.isArray(context) && context.length <= 8 && context.every((c) => typeof c === "string")) {
    return `a${context.join("\u0000")}`;
  }
  return undefined;
}

/** A local context block: term → IRI string, or `{ "@id": IRI }`. */
function readTermDefinitions(block: Readonly<Record<string, unknown>>, errors: ErrorCollector): Map<string, unknown> {
  const terms = new Map<string, unknown>();
  for (const term of Object.keys(block)) {
    const definition = block[term];
    if (typeof definition === "string") terms.set(term, definition);
    else if (isJsonObject(definition)) {
      if (!Object.hasOwn(definition, "@id")) errors.quit("termDefinitionMissingIdProperty", { property: term });
      if (typeof definition["@id"] !== "string") errors.quit("termDefinitionIdPropertyNotString", { property: term });
      terms.set(term, definition["@id"]);
    } else errors.quit("termDefinitionNotStringOrObject", { property: term });
  }
  return terms;
}

function readComponents(context: unknown, errors: ErrorCollector): ContextComponent[] {
  const items = Array.isArray(context) ? context : [context];
  const out: ContextComponent[] = [];
  for (const item of items) {
    if (typeof item === "string") out.push({ local: false, remoteId: item });
    else if (isJsonObject(item)) out.push({ local: true, terms: readTermDefinitions(item, errors) });
    else errors.quit("invalidContext");
  }
  return out;
}

export function isIdReferenceValid(id: string, version: number, limitSpecifier: string): boolean {
  if (!KNOWN_VERSIONS.includes(version)) return false;
  const rule = versionIndex(version).rules.identifierReference;
  const max = rule.maxLength[limitSpecifier] ?? rule.maxLength[""];
  if (max !== undefined && id.length > max) return false;
  return versionIndex(version).identifierReference.test(id);
}

function startsWithAny(id: string, prefixes: readonly string[]): boolean {
  for (let i = 0; i < prefixes.length; i++) if (id.startsWith(prefixes[i]!)) return true;
  return false;
}

function isAbsoluteUri(text: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(text);
}
