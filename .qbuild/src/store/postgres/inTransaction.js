/** Runs `work` in a transaction on one pooled connection: COMMIT when it resolves, ROLLBACK when it throws. */
export async function inTransaction(pool, work) {
    const client = await pool.connect();
    let broken = false;
    try {
        await client.query("BEGIN");
        const result = await work(client);
        await client.query("COMMIT");
        return result;
    }
    catch (error) {
        await client.query("ROLLBACK").catch(() => {
            broken = true;
        });
        throw error;
    }
    finally {
        // A connection that could not even roll back is dropped rather than reused.
        client.release(broken);
    }
}
//# sourceMappingURL=inTransaction.js.map