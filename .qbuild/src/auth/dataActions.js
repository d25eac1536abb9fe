/**
 * Every action a role can grant. ADT's data actions keep their Azure names so role definitions
 * copied from Azure work unchanged; the `Doppel/` actions guard what ADT keeps in its control
 * plane (endpoints) and our own administration (keys, roles, assignments, the audit log).
 */
export const adtDataActions = [
    "Microsoft.DigitalTwins/query/action",
    "Microsoft.DigitalTwins/digitaltwins/read",
    "Microsoft.DigitalTwins/digitaltwins/write",
    "Microsoft.DigitalTwins/digitaltwins/delete",
    "Microsoft.DigitalTwins/digitaltwins/commands/action",
    "Microsoft.DigitalTwins/digitaltwins/relationships/read",
    "Microsoft.DigitalTwins/digitaltwins/relationships/write",
    "Microsoft.DigitalTwins/digitaltwins/relationships/delete",
    "Microsoft.DigitalTwins/eventroutes/read",
    "Microsoft.DigitalTwins/eventroutes/write",
    "Microsoft.DigitalTwins/eventroutes/delete",
    "Microsoft.DigitalTwins/models/read",
    "Microsoft.DigitalTwins/models/write",
    "Microsoft.DigitalTwins/models/delete",
    "Microsoft.DigitalTwins/jobs/imports/read",
    "Microsoft.DigitalTwins/jobs/imports/write",
    "Microsoft.DigitalTwins/jobs/imports/delete",
    "Microsoft.DigitalTwins/jobs/imports/cancel/action",
    "Microsoft.DigitalTwins/jobs/deletions/read",
    "Microsoft.DigitalTwins/jobs/deletions/write",
    // Older names ADT still lists; accepted in role definitions, never required by a route.
    "Microsoft.DigitalTwins/jobs/import/read",
    "Microsoft.DigitalTwins/jobs/import/write",
    "Microsoft.DigitalTwins/jobs/import/delete",
    "Microsoft.DigitalTwins/jobs/delete/read",
    "Microsoft.DigitalTwins/jobs/delete/write",
];
export const doppelAdminActions = [
    "Doppel/endpoints/read",
    "Doppel/endpoints/write",
    "Doppel/endpoints/delete",
    "Doppel/deadletters/read",
    "Doppel/deadletters/delete",
    "Doppel/deadletters/replay/action",
    "Doppel/apikeys/read",
    "Doppel/apikeys/write",
    "Doppel/apikeys/delete",
    "Doppel/roles/read",
    "Doppel/roles/write",
    "Doppel/roles/delete",
    "Doppel/roleassignments/read",
    "Doppel/roleassignments/write",
    "Doppel/roleassignments/delete",
    "Doppel/auditlog/read",
    "Doppel/metrics/read",
];
export const allDataActions = [...adtDataActions, ...doppelAdminActions];
const known = new Set(allDataActions);
export function isDataAction(value) {
    return known.has(value);
}
/**
 * Actions that read or change twin data, and so are narrowed by an assignment's scope. Every
 * other action is instance-wide: a scoped assignment grants it only when listed in
 * `scopedInstanceActions`.
 */
export const twinDataActions = new Set([
    "Microsoft.DigitalTwins/query/action",
    "Microsoft.DigitalTwins/digitaltwins/read",
    "Microsoft.DigitalTwins/digitaltwins/write",
    "Microsoft.DigitalTwins/digitaltwins/delete",
    "Microsoft.DigitalTwins/digitaltwins/commands/action",
    "Microsoft.DigitalTwins/digitaltwins/relationships/read",
    "Microsoft.DigitalTwins/digitaltwins/relationships/write",
    "Microsoft.DigitalTwins/digitaltwins/relationships/delete",
]);
/**
 * Instance-wide actions a scoped assignment still grants: reading models is needed to create and
 * read twins with the SDK, and models are schema, not twin data.
 */
export const scopedInstanceActions = new Set([
    "Microsoft.DigitalTwins/models/read",
]);
//# sourceMappingURL=dataActions.js.map