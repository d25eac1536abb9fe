import type { Metamodel } from "../metamodelTypes.js";
export declare const metamodel: Metamodel;
