import { describeError } from "./errorMessages.js";
import type { DtdlError } from "./model.js";

/** Details of a parsing error; every field except the code is optional. */
export interface ErrorDetails {
  readonly primaryId?: string | undefined;
  readonly secondaryId?: string | undefined;
  readonly property?: string | undefined;
  readonly value?: string | undefined;
  /** What was expected (limit, pattern, allowed types, …); used in the message only. */
  readonly restriction?: string | undefined;
  readonly type?: string | undefined;
  readonly documentIndex?: number | undefined;
}

/** Thrown to abandon the parse at once, as the official parser does for some errors. */
export class QuitParsing extends Error {
  constructor() {
    super("DTDL parsing stopped");
  }
}

export const ERROR_PREFIX = "dtmi:dtdl:parsingError:";
export const RESOLUTION_PREFIX = "dtmi:dtdl:resolutionError:";

/** Collects errors in the order found; `quit` records one and stops the parse. */
export class ErrorCollector {
  readonly errors: DtdlError[] = [];
  /** Index of the document being read, stamped on errors that carry none. */
  documentIndex: number | undefined;

  private readonly seen = new Set<string>();

  add(code: string, details: ErrorDetails = {}): void {
    const documentIndex = details.documentIndex ?? this.documentIndex;
    // Several rules can find the same fault (e.g. two controls over one schema); report it once.
    const key = [code, details.primaryId, details.secondaryId, details.property, details.value, documentIndex].join(
      "\u0000",
    );
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.errors.push({
      validationId: code.includes(":") ? code : ERROR_PREFIX + code,
      ...(details.primaryId !== undefined ? { primaryId: details.primaryId } : {}),
      ...(details.secondaryId !== undefined ? { secondaryId: details.secondaryId } : {}),
      ...(details.property !== undefined ? { property: details.property } : {}),
      ...(details.value !== undefined ? { value: details.value } : {}),
      message: errorMessage(code, details),
      ...(documentIndex !== undefined ? { documentIndex } : {}),
    });
  }

  quit(code: string, details: ErrorDetails = {}): never {
    this.add(code, details);
    throw new QuitParsing();
  }

  get any(): boolean {
    return this.errors.length > 0;
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw new QuitParsing();
  }
}

export function errorMessage(code: string, details: ErrorDetails): string {
  if (code.startsWith(ERROR_PREFIX)) return describeError(code.slice(ERROR_PREFIX.length), details);
  if (code.startsWith(RESOLUTION_PREFIX))
    return describeError(`resolution:${code.slice(RESOLUTION_PREFIX.length)}`, details);
  return describeError(code, details);
}
