/**
 * MQTT 3.1.1 packets a QoS 0/1 publisher needs (OASIS standard, 29 October 2014): CONNECT,
 * PUBLISH, PINGREQ and DISCONNECT out; CONNACK, PUBACK and PINGRESP in. Publishes are written
 * straight into one buffer per batch so a window of them leaves in a single socket write.
 */

export const PacketType = {
  connect: 1,
  connack: 2,
  publish: 3,
  puback: 4,
  subscribe: 8,
  suback: 9,
  pingreq: 12,
  pingresp: 13,
  disconnect: 14,
} as const;

export interface ConnectOptions {
  readonly clientId: string;
  readonly username?: string;
  readonly password?: string;
  /** Seconds; 0 turns the broker's keep-alive check off. */
  readonly keepAliveSeconds: number;
  readonly cleanSession: boolean;
}

export interface PublishPacket {
  readonly topic: string;
  readonly payload: string | Buffer;
  readonly qos: 0 | 1;
  /** 1..65535 for QoS 1; ignored for QoS 0. */
  readonly packetId: number;
  /** Set on a re-send of a QoS 1 message the broker may already have (3.3.1.1). */
  readonly dup: boolean;
}

/** A decoded control packet: the fixed header's type and flags and the rest of the packet. */
export interface Packet {
  readonly type: number;
  readonly flags: number;
  readonly body: Buffer;
}

export const pingreq: Buffer = Buffer.from([PacketType.pingreq << 4, 0]);
export const disconnect: Buffer = Buffer.from([PacketType.disconnect << 4, 0]);

/** The largest Remaining Length the 4-byte encoding can carry (2.2.3). */
export const maxRemainingLength = 268_435_455;

/** How many bytes the Remaining Length takes (1..4). */
export function remainingLengthSize(length: number): number {
  if (length < 128) return 1;
  if (length < 16_384) return 2;
  if (length < 2_097_152) return 3;
  if (length <= maxRemainingLength) return 4;
  throw new RangeError(`MQTT packet too large: ${length} bytes (at most ${maxRemainingLength})`);
}

/** Writes the Remaining Length at `offset` (the algorithm of 2.2.3); answers the next offset. */
export function writeRemainingLength(buffer: Buffer, offset: number, length: number): number {
  let value = length;
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    buffer[offset++] = byte;
  } while (value > 0);
  return offset;
}

export function encodeRemainingLength(length: number): Buffer {
  const buffer = Buffer.allocUnsafe(remainingLengthSize(length));
  writeRemainingLength(buffer, 0, length);
  return buffer;
}

export function encodeConnect(options: ConnectOptions): Buffer {
  const clientId = Buffer.from(options.clientId, "utf8");
  const username = options.username === undefined ? undefined : Buffer.from(options.username, "utf8");
  // 3.1.2.9: a password without a user name is not allowed in 3.1.1.
  const password =
    options.password === undefined || username === undefined ? undefined : Buffer.from(options.password, "utf8");
  let flags = options.cleanSession ? 0x02 : 0;
  if (username) flags |= 0x80;
  if (password) flags |= 0x40;
  const fields: Buffer[] = [clientId];
  if (username) fields.push(username);
  if (password) fields.push(password);
  for (const field of fields) checkStringLength(field.length);
  const remaining = 10 + fields.reduce((sum, f) => sum + 2 + f.length, 0);
  const buffer = Buffer.allocUnsafe(1 + remainingLengthSize(remaining) + remaining);
  buffer[0] = PacketType.connect << 4;
  let offset = writeRemainingLength(buffer, 1, remaining);
  // Variable header (3.1.2): protocol name "MQTT", level 4, connect flags, keep alive.
  offset = buffer.writeUInt16BE(4, offset);
  offset += buffer.write("MQTT", offset, "latin1");
  buffer[offset++] = 4;
  buffer[offset++] = flags;
  offset = buffer.writeUInt16BE(options.keepAliveSeconds, offset);
  for (const field of fields) {
    offset = buffer.writeUInt16BE(field.length, offset);
    offset += field.copy(buffer, offset);
  }
  return buffer;
}

/** Bytes one PUBLISH takes on the wire; `topicBytes`/`payloadBytes` are UTF-8 lengths. */
export function publishSize(topicBytes: number, payloadBytes: number, qos: 0 | 1): number {
  const remaining = 2 + topicBytes + (qos > 0 ? 2 : 0) + payloadBytes;
  return 1 + remainingLengthSize(remaining) + remaining;
}

/**
 * Writes one PUBLISH at `offset` of a buffer sized with `publishSize`; answers the next offset.
 * The caller passes the UTF-8 byte lengths it already computed for sizing.
 */
export function writePublish(
  buffer: Buffer,
  offset: number,
  packet: PublishPacket,
  topicBytes: number,
  payloadBytes: number,
): number {
  checkStringLength(topicBytes);
  const qos = packet.qos;
  buffer[offset++] = (PacketType.publish << 4) | (packet.dup && qos > 0 ? 0x08 : 0) | (qos << 1);
  offset = writeRemainingLength(buffer, offset, 2 + topicBytes + (qos > 0 ? 2 : 0) + payloadBytes);
  offset = buffer.writeUInt16BE(topicBytes, offset);
  offset += buffer.write(packet.topic, offset, topicBytes, "utf8");
  if (qos > 0) offset = buffer.writeUInt16BE(packet.packetId, offset);
  if (typeof packet.payload === "string") offset += buffer.write(packet.payload, offset, payloadBytes, "utf8");
  else offset += packet.payload.copy(buffer, offset);
  return offset;
}

export function encodePublish(packet: PublishPacket): Buffer {
  const topicBytes = Buffer.byteLength(packet.topic, "utf8");
  const payloadBytes =
    typeof packet.payload === "string" ? Buffer.byteLength(packet.payload, "utf8") : packet.payload.length;
  const buffer = Buffer.allocUnsafe(publishSize(topicBytes, payloadBytes, packet.qos));
  writePublish(buffer, 0, packet, topicBytes, payloadBytes);
  return buffer;
}

/** CONNACK return codes (3.2.2.3). */
export const connackReasons: Readonly<Record<number, string>> = {
  1: "unacceptable protocol version",
  2: "client identifier rejected",
  3: "server unavailable",
  4: "bad user name or password",
  5: "not authorized",
};

export interface Connack {
  readonly sessionPresent: boolean;
  readonly returnCode: number;
}

export function decodeConnack(packet: Packet): Connack {
  if (packet.body.length < 2) throw new Error("malformed CONNACK");
  return { sessionPresent: (packet.body[0]! & 1) === 1, returnCode: packet.body[1]! };
}

/** The packet id of a PUBACK (3.4.2). */
export function decodePuback(packet: Packet): number {
  if (packet.body.length < 2) throw new Error("malformed PUBACK");
  return packet.body.readUInt16BE(0);
}

/**
 * Splits the byte stream from the broker into packets. Chunks are kept until a whole packet is
 * there; a PUBACK (4 bytes) is the common case and is handed over without copying its header.
 */
export class PacketReader {
  private pending: Buffer | undefined;

  /** Feeds a chunk; calls `onPacket` for every whole packet in order. Throws on a malformed length. */
  push(chunk: Buffer, onPacket: (packet: Packet) => void): void {
    let data = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = undefined;
    let offset = 0;
    while (offset < data.length) {
      const header = data[offset]!;
      let length = 0;
      let multiplier = 1;
      let cursor = offset + 1;
      let complete = false;
      for (let i = 0; i < 4 && cursor < data.length; i++) {
        const byte = data[cursor++]!;
        length += (byte & 0x7f) * multiplier;
        multiplier *= 128;
        if ((byte & 0x80) === 0) {
          complete = true;
          break;
        }
        if (i === 3) throw new Error("malformed MQTT remaining length");
      }
      if (!complete || cursor + length > data.length) break;
      onPacket({ type: header >> 4, flags: header & 0x0f, body: data.subarray(cursor, cursor + length) });
      offset = cursor + length;
    }
    if (offset < data.length) {
      data = data.subarray(offset);
      // Keep a copy: the rest of a large chunk would otherwise pin the whole chunk.
      this.pending = Buffer.from(data);
    }
  }

  reset(): void {
    this.pending = undefined;
  }
}

function checkStringLength(bytes: number): void {
  if (bytes > 65_535) throw new RangeError(`MQTT string too long: ${bytes} bytes (at most 65,535)`);
}
