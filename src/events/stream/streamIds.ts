import { type Cipher, createCipheriv, createDecipheriv, type Decipher, randomBytes } from "node:crypto";

// The first half of every plaintext block: a garbled or forged id decrypts to something else.
const marker = Buffer.from("doppel\u0000\u0001", "latin1");
/** Ids of recent events, shared by every subscriber (each event goes to many streams). */
const cacheSize = 4096;

/**
 * Opaque live-stream ids. The outbox sequence numbers are global, so sending them would tell a
 * subscriber who sees only some twins how many changes it did not see. An id is instead one AES
 * block — 8 marker bytes and the 8-byte seq — encrypted with the instance's stream key and
 * written in base64url (22 characters): ids of consecutive events look unrelated, and only the
 * server can turn an id back into a position. The same seq always gives the same id, so any node
 * sharing the key resumes any stream.
 */
export class StreamIds {
  // ECB without padding keeps no state between blocks: one cipher object serves every call.
  private cipher!: Cipher;
  private decipher!: Decipher;
  /** Slot `seq % cacheSize` holds the id of the latest seq that fell there. */
  private readonly recentSeqs = new Float64Array(cacheSize).fill(-1);
  private readonly recentIds: string[] = new Array<string>(cacheSize).fill("");
  private readonly block = Buffer.alloc(16);

  constructor(key: Uint8Array = randomBytes(32)) {
    this.useKey(key);
  }

  /** Replaces the key (at start-up, with the one every node shares). */
  useKey(key: Uint8Array): void {
    if (key.length !== 32) throw new Error("the stream id key must be 32 bytes");
    this.cipher = createCipheriv("aes-256-ecb", key, null).setAutoPadding(false);
    this.decipher = createDecipheriv("aes-256-ecb", key, null).setAutoPadding(false);
    this.recentSeqs.fill(-1);
    marker.copy(this.block, 0);
  }

  encode(seq: number): string {
    const slot = seq % cacheSize;
    if (this.recentSeqs[slot] === seq) return this.recentIds[slot]!;
    // `update` copies the block before returning, so the one buffer is reused.
    this.block.writeUInt32BE(Math.floor(seq / 0x1_0000_0000), 8);
    this.block.writeUInt32BE(seq >>> 0, 12);
    const id = this.cipher.update(this.block).toString("base64url");
    this.recentSeqs[slot] = seq;
    this.recentIds[slot] = id;
    return id;
  }

  /** The seq an id stands for; undefined when it is not an id this key made. */
  decode(id: string): number | undefined {
    if (!/^[A-Za-z0-9_-]{22}$/.test(id)) return undefined;
    const bytes = Buffer.from(id, "base64url");
    if (bytes.length !== 16) return undefined;
    const block = this.decipher.update(bytes);
    if (!block.subarray(0, 8).equals(marker)) return undefined;
    const seq = block.readBigUInt64BE(8);
    return seq <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(seq) : undefined;
  }
}
