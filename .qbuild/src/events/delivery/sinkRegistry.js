import { createSink } from "../sinks/createSink.js";
/** One sink per endpoint, opened on first use and replaced when the definition changes. */
export class SinkRegistry {
    factory;
    entries = new Map();
    constructor(factory = createSink) {
        this.factory = factory;
    }
    get(name) {
        const entry = this.entries.get(name);
        if (!entry)
            return undefined;
        entry.sink ??= this.factory(entry.definition);
        return { definition: entry.definition, sink: entry.sink };
    }
    definition(name) {
        return this.entries.get(name)?.definition;
    }
    set(definition) {
        const fingerprint = JSON.stringify(definition);
        const existing = this.entries.get(definition.name);
        if (existing?.fingerprint === fingerprint)
            return;
        this.entries.set(definition.name, { definition, fingerprint, sink: undefined });
        void existing?.sink?.close();
    }
    delete(name) {
        const existing = this.entries.get(name);
        this.entries.delete(name);
        void existing?.sink?.close();
    }
    async closeAll() {
        const sinks = [...this.entries.values()].flatMap((entry) => (entry.sink ? [entry.sink] : []));
        this.entries.clear();
        await Promise.all(sinks.map((sink) => sink.close().catch(() => undefined)));
    }
}
//# sourceMappingURL=sinkRegistry.js.map