#!/usr/bin/env node
// Generates src/dtdl/generated/metamodel.ts from the official DTDL metamodel digest
// (../shared/dtdl/parser-tests/support/dtdl_digest.json by default).
// Only the facts the validator needs are kept: classes, properties and their limits per
// DTDL version, context term tables, extension (supplemental) types, descendant controls,
// standard elements and a few global settings. Run: node scripts/generate-dtdl-metamodel.mjs [digest]
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const digestPath = process.argv[2] ?? resolve(root, "../shared/dtdl/parser-tests/support/dtdl_digest.json");
const outPath = resolve(root, "src/dtdl/generated/metamodel.ts");
const digest = JSON.parse(readFileSync(digestPath, "utf8").replace(/^\uFEFF/, ""));

const VERSIONS = digest.dtdlVersions;

/** Drops undefined, empty arrays and false flags to keep the tables small. */
function compact(obj) {
  const out = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === null || v === false) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out;
}

function propertyDef(_name, common, perVersion) {
  return compact({
    literal: common.literal,
    datatype: common.datatype,
    class: perVersion.class ?? common.class,
    plural: common.plural,
    optional: common.optional,
    abstract: common.abstract,
    dictionaryKey: common.dictionaryKey,
    dtmiSegment: common.dtmiSegment,
    inherited: common.inherited,
    minCount: perVersion.minCount,
    maxCount: perVersion.maxCount,
    maxLength: perVersion.maxLength,
    minInclusive: perVersion.minInclusive,
    maxInclusive: perVersion.maxInclusive,
    pattern: perVersion.pattern,
    values: perVersion.values,
    valueUris: perVersion.valueUris,
    versions: perVersion.versions,
    uniqueAmong: perVersion.uniqueAmong?.map((u) => [u.class, u.property]),
    uniqueProperties: perVersion.uniqueProperties,
    idRequired: perVersion.idRequired,
    typeRequired: perVersion.typeRequired === false ? true : undefined,
    defaultLanguage: perVersion.defaultLanguage,
    value: perVersion.value,
    deprecated: perVersion.deprecated,
    hidden: perVersion.hidden,
  });
}

function fixAllowed(def, perVersion) {
  // `disallowed` marks properties the language defines but a model may not set (e.g. languageMajorVersion).
  delete def.allowed;
  if (perVersion.allowed === false) def.disallowed = true;
  if (def.typeRequired) {
    delete def.typeRequired;
    def.typeOptional = true;
  }
  return def;
}

const versions = {};
for (const v of VERSIONS) {
  const key = String(v);
  const classes = {};
  for (const [name, mc] of Object.entries(digest.materialClasses)) {
    if (!mc.dtdlVersions.includes(v)) continue;
    const props = {};
    for (const [pname, p] of Object.entries(mc.properties)) {
      const pv = p[key];
      if (!pv) continue;
      props[pname] = fixAllowed(propertyDef(pname, p._, pv), pv);
    }
    classes[name] = compact({
      abstract: mc.abstract,
      parent: mc.parentClass,
      concrete: mc.concreteSubclasses?.[key],
      elemental: mc.elementalSubclasses?.[key],
      extensible: mc.extensibleMaterialSubclasses?.[key],
      overt: mc.overt,
      partition: mc.partition,
      rootable: mc.rootable,
      typeOptional: mc.typeOptionalVersions?.includes(v),
      idRequired: mc.idRequiredVersions?.includes(v),
      idRequiredWhen: mc.idRequiredWhen?.[key]?.map((w) => [w.class, w.property]),
      standardElements: mc.standardElementIds?.[key],
      instance: mc.instance?.[key],
      props,
    });
  }
  versions[key] = compact({
    classes,
    context: digest.contexts[`dtmi:dtdl:context;${v}`],
    identifierDefinition: digest.identifierDefinition[key],
    identifierReference: digest.identifierReference[key],
    interfaceIdMaxLength: digest.identifierDefinition.Interface?.[key]?.maxLength,
    partitionMaxBytes: digest.partitions[key]?.maxBytes,
    rootable: digest.rootableClasses[key],
    apocrypha: digest.apocrypha[key],
    restrictKeywords: digest.dtdlVersionsRestrictingKeywords.includes(v),
    allowUndefinedExtensionsByDefault: digest.dtdlVersionsAllowingUndefinedExtensionsByDefault.includes(v),
    allowLocalTerms: digest.dtdlVersionsAllowingLocalTerms.includes(v),
    allowCustomLimits: digest.dtdlVersionsAllowingCustomLimits.includes(v),
    extensibleClasses: digest.extensibleMaterialClasses[key],
    descendantControls: digest.descendantControls
      .filter((c) => c.dtdlVersion === v)
      .map((c) => {
        const { dtdlVersion: _v, ...rest } = c;
        return compact(rest);
      }),
  });
}

const supplementalTypes = {};
for (const [id, st] of Object.entries(digest.supplementalTypes)) {
  const props = {};
  for (const [pid, p] of Object.entries(st.properties)) {
    props[pid] = compact({
      name: p.propertyName,
      type: p.type,
      typeName: p.typeName,
      childOf: p.childOf,
      plural: p.plural,
      optional: p.optional,
      minCount: p.minCount,
      maxCount: p.maxCount,
      maxLength: p.maxLength,
      minInclusive: p.minInclusive,
      maxInclusive: p.maxInclusive,
      pattern: p.regex ?? p.pattern,
      values: p.values,
      dictionaryKey: p.dictionaryKey,
      idRequired: p.idRequired,
      typeOptional: p.typeRequired === false ? true : undefined,
      uniqueValue: p.uniqueValue,
      deprecated: p.deprecated,
      ...Object.fromEntries(
        Object.entries(p).filter(
          ([k]) =>
            ![
              "propertyName",
              "type",
              "typeName",
              "childOf",
              "plural",
              "optional",
              "minCount",
              "maxCount",
              "maxLength",
              "minInclusive",
              "maxInclusive",
              "regex",
              "pattern",
              "values",
              "dictionaryKey",
              "idRequired",
              "typeRequired",
              "uniqueValue",
              "deprecated",
              "description",
              "patternDesc",
            ].includes(k),
        ),
      ),
    });
  }
  supplementalTypes[id] = compact({
    abstract: st.abstract,
    parent: st.parent,
    extensionContext: st.extensionContext,
    extensionKind: st.extensionKind,
    cotypes: st.cotypes,
    cotypeVersions: st.cotypeVersions,
    cocotypes: st.cocotypes,
    discotypes: st.discotypes,
    altcotypes: st.altcotypes,
    altcotypeNames: st.altcotypeNames,
    mergeable: st.mergeable,
    constraints: st.constraints,
    siblings: st.siblings,
    props,
  });
}

const contexts = {};
for (const [ctx, terms] of Object.entries(digest.contexts)) {
  if (/^dtmi:dtdl:context;\d$/.test(ctx)) continue;
  contexts[ctx] = terms;
}

// Standard elements (primitive schemas, units, geospatial and unit-enum schemas) are kept as
// DTDL JSON, minus presentation-only members.
const PRESENTATION = new Set([
  "description",
  "displayName",
  "symbol",
  "baseUnit",
  "bottomUnit",
  "topUnit",
  "prefix",
  "exponent",
  "comment",
]);
function stripPresentation(value) {
  if (Array.isArray(value)) return value.map(stripPresentation);
  if (value === null || typeof value !== "object") return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) if (!PRESENTATION.has(k)) out[k] = stripPresentation(v);
  return out;
}
const elements = digest.elements.map(stripPresentation);

const out = {
  versions,
  contexts,
  supplementalTypes,
  elements,
  aliases: digest.aliases,
  affiliateContexts: digest.affiliateContextsImplicitDtdlVersions,
  reservedIdPrefixes: digest.reservedIdPrefixes,
  limitContexts: digest.limitContexts,
  quantitativeTypes: digest.quantitativeTypes,
  units: digest.units,
  families: digest.families,
  extensionKinds: digest.extensionKinds,
  partitionClasses: digest.partitionClasses,
  baseClass: digest.baseClass,
};

const header = `// Generated by scripts/generate-dtdl-metamodel.mjs from the DTDL metamodel digest
// (digitaltwinconsortium/DTDLParser dtdl_digest.json, MIT). Do not edit by hand.
import type { Metamodel } from "../metamodelTypes.js";

`;
// Single-quoted, as the formatter prefers for text full of double quotes.
const literal = `'${JSON.stringify(out).replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
const body = `export const metamodel: Metamodel = JSON.parse(\n  ${literal},\n);\n`;
writeFileSync(outPath, header + body);
console.log(`wrote ${outPath} (${((header.length + body.length) / 1024) | 0} KiB)`);
