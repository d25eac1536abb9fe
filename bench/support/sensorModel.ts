/**
 * The model and twins of the twin benchmarks: 4 properties and a component, the size of a
 * typical sensor twin.
 */
export const sensorModel = {
  "@id": "dtmi:bench:Sensor;1",
  "@type": "Interface",
  "@context": "dtmi:dtdl:context;2",
  contents: [
    { "@type": "Property", name: "name", schema: "string" },
    { "@type": "Property", name: "count", schema: "integer" },
    { "@type": "Property", name: "temperature", schema: "double" },
    { "@type": "Property", name: "enabled", schema: "boolean" },
    { "@type": "Component", name: "status", schema: "dtmi:bench:Status;1" },
  ],
};

const statusModel = {
  "@id": "dtmi:bench:Status;1",
  "@type": "Interface",
  "@context": "dtmi:dtdl:context;2",
  contents: [{ "@type": "Property", name: "code", schema: "integer" }],
};

/**
 * The sensor model cut to its first `properties` properties (at most 4), without the component:
 * the lighter twins of the security and cluster benchmarks. Same id, so upload it alone.
 */
export function leanSensorModel(properties: number): typeof sensorModel {
  return { ...sensorModel, contents: sensorModel.contents.slice(0, Math.min(properties, 4)) };
}

/** Both models, in an order one upload accepts. */
export const sensorModels = [statusModel, sensorModel];

export function sensorTwin(i: number): object {
  return {
    $metadata: { $model: sensorModel["@id"] },
    name: `sensor ${i}`,
    count: i,
    temperature: 20.5,
    enabled: true,
    status: { $metadata: {}, code: 0 },
  };
}
