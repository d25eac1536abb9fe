/** Persistence of twins and relationships: the storage half of the one write path. Owned by `src/graph`. */

export type GraphRepository = {};
