import type { ImportedContents } from "./inheritedContents.js";
import type {
  Command,
  CommandPayload,
  ComplexSchema,
  Component,
  Content,
  DtdlVersion,
  Element,
  EnumValue,
  Field,
  Interface,
  LangMap,
  MapKey,
  MapValue,
  ParsedModel,
  Property,
  Relationship,
  Schema,
  Telemetry,
} from "./model.js";
import { ElementTable, type ParsedElement } from "./parsedElement.js";
import { supplementalLineage, supplementalType, termOrIri } from "./rules.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const GEOSPATIAL = new Set(["point", "multiPoint", "lineString", "multiLineString", "polygon", "multiPolygon"]);

/** Turns linked parsed elements into the public object model. */
export function buildObjectModel(
  elements: ReadonlyMap<string, ParsedElement>,
  topLevel: readonly string[],
  imported: ImportedContents,
): ParsedModel {
  const built = new Map<string, Element>();
  const interfaces = new Map<string, Interface>();

  const get = (id: string): ParsedElement | undefined => elements.get(id);
  const ids = (el: ParsedElement, prop: string): readonly string[] => el.objects.get(prop) ?? [];

  function base(el: ParsedElement): Mutable<Record<string, unknown>> {
    const out: Mutable<Record<string, unknown>> = {
      id: el.id,
      dtdlVersion: el.version as DtdlVersion,
      types:
        el.supplementalTypes.length === 0 && el.undefinedTypes.length === 0
          ? classTypes(el.kind, el.version)
          : [`dtmi:dtdl:class:${el.kind};${el.version}`, ...el.supplementalTypes, ...el.undefinedTypes],
    };
    const displayName = el.literals.get("displayName") as LangMap | undefined;
    if (displayName && !isEmpty(displayName)) out.displayName = displayName;
    const description = el.literals.get("description") as LangMap | undefined;
    if (description && !isEmpty(description)) out.description = description;
    const comment = el.literals.get("comment");
    if (typeof comment === "string") out.comment = comment;
    if (el.supplemental.size > 0 || el.undefinedProps.size > 0) {
      const extra: Record<string, unknown> = Object.create(null);
      for (const [iri, v] of el.supplemental) extra[termOrIri(iri)] = v;
      for (const [k, v] of el.undefinedProps) extra[k] = v;
      out.extra = extra;
    }
    if (el.supplementalTypes.length > 0) {
      const semanticTypes = el.supplementalTypes.filter(isSemanticType);
      if (semanticTypes.length > 0) out.semanticTypes = semanticTypes.map(termOrIri);
    }
    if (el.supplemental.size > 0) {
      for (const [iri, v] of el.supplemental) {
        if (isUnitProperty(iri) && typeof v === "string") out.unit = unitName(v, elements);
      }
    }
    return out;
  }

  function schema(id: string): Schema {
    const existing = built.get(id);
    if (existing) return existing as Schema;
    const el = get(id);
    if (!el) {
      const shell = {
        id,
        dtdlVersion: 2 as DtdlVersion,
        types: [],
        kind: "primitive",
        name: "string",
      } as unknown as Schema;
      return shell;
    }
    const out = base(el);
    built.set(id, out as unknown as Schema);
    switch (el.kind) {
      case "Array":
        out.kind = "Array";
        out.elementSchema = schema(ids(el, "elementSchema")[0] ?? "");
        break;
      case "Enum": {
        out.kind = "Enum";
        const vs = get(ids(el, "valueSchema")[0] ?? "");
        out.valueSchema = vs?.kind === "Integer" ? "integer" : "string";
        out.enumValues = ids(el, "enumValues").map((v) => enumValue(v));
        break;
      }
      case "Map":
        out.kind = "Map";
        out.mapKey = mapKey(ids(el, "mapKey")[0] ?? "");
        out.mapValue = mapValue(ids(el, "mapValue")[0] ?? "");
        break;
      case "Object": {
        const name = standardName(el.id);
        if (el.isStandard && name !== undefined && GEOSPATIAL.has(name)) {
          out.kind = "geospatial";
          out.name = name;
        } else if (el.isStandard && name === "scaledDecimal") {
          out.kind = "scaledDecimal";
        } else {
          out.kind = "Object";
          out.fields = ids(el, "fields").map((f) => field(f));
        }
        break;
      }
      default:
        out.kind = "primitive";
        out.name = standardName(el.id) ?? el.kind.charAt(0).toLowerCase() + el.kind.slice(1);
    }
    return out as unknown as Schema;
  }

  function enumValue(id: string): EnumValue {
    const el = get(id)!;
    const out = base(el);
    out.kind = "EnumValue";
    out.name = el.literals.get("name");
    out.enumValue = el.literals.get("enumValue");
    built.set(id, out as unknown as EnumValue);
    return out as unknown as EnumValue;
  }

  function mapKey(id: string): MapKey {
    const el = get(id)!;
    const out = base(el);
    out.kind = "MapKey";
    out.name = el.literals.get("name");
    built.set(id, out as unknown as MapKey);
    return out as unknown as MapKey;
  }

  function mapValue(id: string): MapValue {
    const el = get(id)!;
    const out = base(el);
    out.kind = "MapValue";
    out.name = el.literals.get("name");
    built.set(id, out as unknown as MapValue);
    out.schema = schema(ids(el, "schema")[0] ?? "");
    return out as unknown as MapValue;
  }

  function field(id: string): Field {
    const el = get(id)!;
    const out = base(el);
    out.kind = "Field";
    out.name = el.literals.get("name");
    built.set(id, out as unknown as Field);
    out.schema = schema(ids(el, "schema")[0] ?? "");
    return out as unknown as Field;
  }

  function payload(id: string): CommandPayload {
    const el = get(id)!;
    const out = base(el);
    out.kind = el.kind;
    out.name = el.literals.get("name");
    const nullable = el.literals.get("nullable");
    if (typeof nullable === "boolean") out.nullable = nullable;
    built.set(id, out as unknown as CommandPayload);
    out.schema = schema(ids(el, "schema")[0] ?? "");
    return out as unknown as CommandPayload;
  }

  function content(id: string): Content {
    const existing = built.get(id);
    if (existing) return existing as Content;
    const el = get(id)!;
    const out = base(el);
    out.kind = el.kind;
    out.name = el.literals.get("name");
    built.set(id, out as unknown as Content);
    switch (el.kind) {
      case "Property":
        out.writable = el.literals.get("writable") === true;
        out.schema = schema(ids(el, "schema")[0] ?? "");
        return out as unknown as Property;
      case "Telemetry":
        out.schema = schema(ids(el, "schema")[0] ?? "");
        return out as unknown as Telemetry;
      case "Command": {
        const req = ids(el, "request")[0];
        const res = ids(el, "response")[0];
        if (req) out.request = payload(req);
        if (res) out.response = payload(res);
        const ct = ids(el, "commandType")[0];
        if (ct) out.commandType = ct.includes(":asynchronous;") ? "asynchronous" : "synchronous";
        return out as unknown as Command;
      }
      case "Relationship": {
        const target = el.literals.get("target");
        if (typeof target === "string") out.target = target;
        const min = el.literals.get("minMultiplicity");
        if (typeof min === "number") out.minMultiplicity = min;
        const max = el.literals.get("maxMultiplicity");
        if (typeof max === "number") out.maxMultiplicity = max;
        out.writable = el.literals.get("writable") === true;
        out.properties = ids(el, "properties").map((p) => content(p) as Property);
        return out as unknown as Relationship;
      }
      case "Component":
        out.schema = ids(el, "schema")[0] ?? "";
        return out as unknown as Component;
      default:
        return out as unknown as Content;
    }
  }

  const ancestorLists = new ElementTable<readonly string[]>(elements.size);

  /** Ancestors in breadth-first order (a valid model has no cycles). */
  function ancestorsOf(el: ParsedElement): readonly string[] {
    const known = ancestorLists.get(el);
    if (known) return known;
    const parents = ids(el, "extends");
    const only = parents.length === 1 ? get(parents[0]!) : undefined;
    let out: string[];
    if (only !== undefined && only !== el) {
      // One parent: itself, then its own ancestors (the breadth-first order is the same).
      const above = ancestorsOf(only);
      out = above.includes(el.id) ? breadthFirstAncestors(el) : [only.id, ...above];
    } else {
      out = breadthFirstAncestors(el);
    }
    ancestorLists.set(el, out);
    return out;
  }

  function breadthFirstAncestors(el: ParsedElement): string[] {
    const out: string[] = [];
    const seen = new Set<string>([el.id]);
    const queue = [...ids(el, "extends")];
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i]!;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(id);
      const parent = get(id);
      if (parent) queue.push(...ids(parent, "extends"));
    }
    return out;
  }

  /** Contents maps by the id list they were made from: Interfaces that inherit all their contents from one parent share its list, and so its map. */
  const contentMaps = new Map<readonly string[], Map<string, Content>>();

  function contentsOf(el: ParsedElement): Map<string, Content> {
    const list = ids(el, "contents");
    const shared = contentMaps.get(list);
    if (shared) return shared;
    const contents = new Map<string, Content>();
    const parent = imported.wholeParentOf(el);
    if (parent !== undefined) {
      // Own contents, then the parent's whole contents: its map holds the first element of each
      // name, in order, which is what going through its list would keep.
      for (const c of imported.ownContentsOf(el)) {
        const item = content(c);
        if (!contents.has(item.name)) contents.set(item.name, item);
      }
      contentsOf(parent).forEach((item, name) => {
        if (!contents.has(name)) contents.set(name, item);
      });
    } else {
      for (const c of list) {
        const item = content(c);
        if (!contents.has(item.name)) contents.set(item.name, item);
      }
    }
    if (list.length > 0) contentMaps.set(list, contents);
    return contents;
  }

  function iface(el: ParsedElement): Interface {
    const existing = interfaces.get(el.id);
    if (existing) return existing;
    const out = base(el);
    out.kind = "Interface";
    out.extends = [...ids(el, "extends")];
    out.ancestors = ancestorsOf(el);
    // `contents` already holds own and inherited contents (imported during validation).
    out.contents = contentsOf(el);
    out.schemas = ids(el, "schemas").map((s) => schema(s) as ComplexSchema);
    // Top-level interfaces of the input keep the document they came from.
    if (el.parentId === undefined && el.docIndex !== undefined && !el.isStandard) out.source = el.raw;
    interfaces.set(el.id, out as unknown as Interface);
    built.set(el.id, out as unknown as Interface);
    return out as unknown as Interface;
  }

  for (const el of elements.values()) {
    if (el.kind === "Interface") iface(el);
  }
  for (const el of elements.values()) {
    if (built.has(el.id)) continue;
    if (el.isStandard && el.parentId === undefined && !isSchemaKind(el.kind)) continue;
    if (CONTENT_KINDS.has(el.kind)) content(el.id);
    else if (isSchemaKind(el.kind)) schema(el.id);
  }
  return { interfaces, elements: built, topLevel };
}

/** Per DTDL version: class → the `types` of an element of that class without co-types. */
const classTypeArrays: Map<string, readonly string[]>[] = [];

/** The `types` of an element with no co-types: just its class DTMI (shared, frozen). */
function classTypes(kind: string, version: number): readonly string[] {
  let byKind = classTypeArrays[version];
  if (byKind === undefined) {
    byKind = new Map();
    classTypeArrays[version] = byKind;
  }
  let types = byKind.get(kind);
  if (!types) {
    types = Object.freeze([`dtmi:dtdl:class:${kind};${version}`]);
    byKind.set(kind, types);
  }
  return types;
}

function isEmpty(map: LangMap): boolean {
  for (const _ in map) return false;
  return true;
}

const semanticTypeCache = new Map<string, boolean>();

/** Whether an extension type is a semantic type (e.g. Temperature), directly or by inheritance. */
function isSemanticType(typeId: string): boolean {
  let known = semanticTypeCache.get(typeId);
  if (known === undefined) {
    known = supplementalLineage(typeId).some((s) => supplementalType(s)?.extensionKind === "SemanticType");
    semanticTypeCache.set(typeId, known);
  }
  return known;
}

const CONTENT_KINDS: ReadonlySet<string> = new Set(["Property", "Telemetry", "Command", "Relationship", "Component"]);

const NON_SCHEMA_KINDS: ReadonlySet<string> = new Set([
  "Interface",
  "Property",
  "Telemetry",
  "Command",
  "Relationship",
  "Component",
  "CommandPayload",
  "CommandRequest",
  "CommandResponse",
  "EnumValue",
  "MapKey",
  "MapValue",
  "Field",
  "CommandType",
  "Unit",
  "UnitAttribute",
  "LatentType",
  "NamedLatentType",
]);

function isSchemaKind(kind: string): boolean {
  return !NON_SCHEMA_KINDS.has(kind);
}

const unitProperties = new Map<string, boolean>();

/** Whether an extension property gives a unit (the v2 `unit`, or a v3+ QuantitativeTypes one). */
function isUnitProperty(iri: string): boolean {
  let known = unitProperties.get(iri);
  if (known === undefined) {
    known = termOrIri(iri) === "unit" || iri.endsWith(":unit") || /:property:unit;\d$/.test(iri);
    if (unitProperties.size < 4096) unitProperties.set(iri, known);
  }
  return known;
}

function standardName(id: string): string | undefined {
  const m = /^dtmi:(?:dtdl:instance:Schema|standard:schema:geospatial|standard:schema):([A-Za-z]+);\d+$/.exec(id);
  return m?.[1];
}

function unitName(id: string, elements: ReadonlyMap<string, ParsedElement>): string {
  const el = elements.get(id);
  const name = el?.literals.get("name");
  if (typeof name === "string") return name;
  const m = /:([A-Za-z0-9]+)(?:;\d+)?$/.exec(id);
  return m?.[1] ?? id;
}
