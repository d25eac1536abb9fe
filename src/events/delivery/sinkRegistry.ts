import type { EndpointDefinition } from "../endpoints/endpointDefinition.js";
import { createSink } from "../sinks/createSink.js";
import type { Sink } from "../sinks/sink.js";

interface Entry {
  readonly definition: EndpointDefinition;
  readonly fingerprint: string;
  sink: Sink | undefined;
}

/** One sink per endpoint, opened on first use and replaced when the definition changes. */
export class SinkRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly factory: (definition: EndpointDefinition) => Sink = createSink) {}

  get(name: string): { definition: EndpointDefinition; sink: Sink } | undefined {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    entry.sink ??= this.factory(entry.definition);
    return { definition: entry.definition, sink: entry.sink };
  }

  definition(name: string): EndpointDefinition | undefined {
    return this.entries.get(name)?.definition;
  }

  set(definition: EndpointDefinition): void {
    const fingerprint = JSON.stringify(definition);
    const existing = this.entries.get(definition.name);
    if (existing?.fingerprint === fingerprint) return;
    this.entries.set(definition.name, { definition, fingerprint, sink: undefined });
    void existing?.sink?.close();
  }

  delete(name: string): void {
    const existing = this.entries.get(name);
    this.entries.delete(name);
    void existing?.sink?.close();
  }

  async closeAll(): Promise<void> {
    const sinks = [...this.entries.values()].flatMap((entry) => (entry.sink ? [entry.sink] : []));
    this.entries.clear();
    await Promise.all(sinks.map((sink) => sink.close().catch(() => undefined)));
  }
}
