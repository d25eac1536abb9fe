/** The public ontologies under ../shared/models, read the way the CLI reads them. */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { collectModelFiles } from "../../src/cli/modelsValidate/collectModelFiles.js";

export const sharedModelsDir = resolve("../shared/models");
export const sharedModelsPresent = existsSync(sharedModelsDir);
/** A describe title that says why it was skipped when it is. */
export function ontologyTitle(title: string): string {
  return sharedModelsPresent ? title : `${title} (skipped: shared ontologies not found at ${sharedModelsDir})`;
}

export const ontologies = ["azure-realestatecore-3.3", "energygrid"] as const;

export function ontologyDir(name: (typeof ontologies)[number]): string {
  return resolve(sharedModelsDir, name);
}

/** Every document of an ontology, in file-name order. */
export async function loadOntology(name: (typeof ontologies)[number]): Promise<unknown[]> {
  const files = await collectModelFiles([ontologyDir(name)]);
  const documents: unknown[] = [];
  for (const file of files) {
    const root: unknown = JSON.parse((await readFile(file, "utf8")).replace(/^\uFEFF/, ""));
    if (Array.isArray(root)) documents.push(...root);
    else documents.push(root);
  }
  return documents;
}
