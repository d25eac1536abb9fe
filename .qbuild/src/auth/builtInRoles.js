/** ADT's two built-in data-plane roles with exactly their Azure actions, plus our administrator. */
export const builtInRoles = [
    {
        name: "Azure Digital Twins Data Owner",
        id: "bcd981a7-7f74-457b-83e1-cceb9e632ffe",
        description: "Full access role for Digital Twins data-plane",
        dataActions: [
            "Microsoft.DigitalTwins/digitaltwins/*",
            "Microsoft.DigitalTwins/digitaltwins/commands/*",
            "Microsoft.DigitalTwins/digitaltwins/relationships/*",
            "Microsoft.DigitalTwins/eventroutes/*",
            "Microsoft.DigitalTwins/jobs/*",
            "Microsoft.DigitalTwins/models/*",
            "Microsoft.DigitalTwins/query/*",
        ],
        notDataActions: [],
        source: "builtIn",
    },
    {
        name: "Azure Digital Twins Data Reader",
        id: "d57506d4-4c8d-48b1-8587-93c323f6a5a3",
        description: "Read-only role for Digital Twins data-plane properties",
        dataActions: [
            "Microsoft.DigitalTwins/digitaltwins/read",
            "Microsoft.DigitalTwins/digitaltwins/relationships/read",
            "Microsoft.DigitalTwins/eventroutes/read",
            "Microsoft.DigitalTwins/jobs/import/read",
            "Microsoft.DigitalTwins/jobs/imports/read",
            "Microsoft.DigitalTwins/jobs/deletions/read",
            "Microsoft.DigitalTwins/models/read",
            "Microsoft.DigitalTwins/query/action",
        ],
        notDataActions: [],
        source: "builtIn",
    },
    {
        name: "Doppel Administrator",
        id: "doppel-administrator",
        description: "Endpoints, API keys, roles, role assignments, the audit log and metrics",
        dataActions: ["Doppel/*"],
        notDataActions: [],
        source: "builtIn",
    },
];
//# sourceMappingURL=builtInRoles.js.map