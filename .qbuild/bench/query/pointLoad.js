/**
 * Child process of the query benchmark: drives point lookups at the server with autocannon over
 * HTTPS and prints `{"perSecond", "p50"}`. Each request asks for the next room id in turn.
 *
 *   node pointLoad.js <https-url> <json array of ids> <seconds>
 */
import autocannon from "autocannon";
const [url, idsJson, secondsText] = process.argv.slice(2);
const ids = JSON.parse(idsJson);
let next = 0;
const result = await autocannon({
    url: `${url}/query?api-version=2023-10-31`,
    connections: 16,
    duration: Number(secondsText),
    requests: [
        {
            method: "POST",
            headers: { "content-type": "application/json" },
            setupRequest: (request) => {
                const id = ids[next++ % ids.length];
                return { ...request, body: JSON.stringify({ query: `SELECT * FROM DIGITALTWINS T WHERE T.$dtId = '${id}'` }) };
            },
        },
    ],
});
if (result.non2xx > 0 || result.errors > 0) {
    console.error(`point load: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
    process.exit(1);
}
console.log(JSON.stringify({ perSecond: result.requests.average, p50: result.latency.p50 }));
//# sourceMappingURL=pointLoad.js.map