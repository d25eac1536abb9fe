/** The official DTDL parser (DTDLParser in WASM, dev-only) as a verdict and flattening oracle. */
import { getInterop } from "@digicatapult/dtdl-parser";

type Interop = Awaited<ReturnType<typeof getInterop>>;

let interop: Promise<Interop> | undefined;

export interface OfficialElement {
  readonly EntityKind: string;
  readonly contents?: Readonly<Record<string, string>>;
  readonly [member: string]: unknown;
}

export interface OfficialFailure {
  /** `Parsing` (with Errors) or `Resolution` (with UndefinedIdentifiers). */
  readonly ExceptionKind: string;
  readonly Errors?: readonly { readonly ValidationID: string; readonly PrimaryID?: string; readonly Cause?: string }[];
  readonly UndefinedIdentifiers?: readonly string[];
}

export type OfficialResult =
  | { readonly ok: true; readonly model: Readonly<Record<string, OfficialElement>> }
  | { readonly ok: false; readonly failure: OfficialFailure };

export async function officialParse(documents: readonly unknown[]): Promise<OfficialResult> {
  interop ??= getInterop();
  const parser = await interop;
  try {
    return { ok: true, model: JSON.parse(parser.parse(JSON.stringify(documents))) };
  } catch (thrown) {
    // The wrapper throws an Error whose message is the exception as JSON.
    const text = thrown instanceof Error ? thrown.message : String(thrown);
    try {
      return { ok: false, failure: JSON.parse(text) as OfficialFailure };
    } catch {
      throw new Error(`official parser failed unexpectedly: ${text.slice(0, 500)}`);
    }
  }
}
