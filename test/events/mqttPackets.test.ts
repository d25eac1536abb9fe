import { describe, expect, it } from "vitest";
import {
  decodeConnack,
  decodePuback,
  disconnect,
  encodeConnect,
  encodePublish,
  encodeRemainingLength,
  type Packet,
  PacketReader,
  pingreq,
} from "../../src/events/sinks/mqtt/mqttPackets.js";

const hex = (buffer: Buffer) => buffer.toString("hex");

describe("MQTT 3.1.1 packet encoding", () => {
  it("encodes the Remaining Length as in the spec's table 2.4 (2.2.3)", () => {
    const cases: [number, string][] = [
      [0, "00"],
      [127, "7f"],
      [128, "8001"],
      [16_383, "ff7f"],
      [16_384, "808001"],
      [2_097_151, "ffff7f"],
      [2_097_152, "80808001"],
      [268_435_455, "ffffff7f"],
    ];
    for (const [length, bytes] of cases) expect([length, hex(encodeRemainingLength(length))]).toEqual([length, bytes]);
    expect(() => encodeRemainingLength(268_435_456)).toThrow(RangeError);
  });

  it("encodes CONNECT with the variable header of 3.1.2 (protocol name, level 4, flags, keep alive)", () => {
    const packet = encodeConnect({
      clientId: "doppel",
      username: "u",
      password: "p",
      keepAliveSeconds: 10,
      cleanSession: true,
    });
    expect(hex(packet)).toBe(
      [
        "10", // CONNECT, flags 0
        "18", // remaining length 24
        "00044d515454", // "MQTT"
        "04", // protocol level 4 = 3.1.1
        "c2", // user name, password, clean session
        "000a", // keep alive 10 s (the spec's example value)
        "0006646f7070656c", // client id "doppel"
        "000175", // user name "u"
        "000170", // password "p"
      ].join(""),
    );
  });

  it("encodes CONNECT without credentials, and drops a password without a user name (3.1.2.9)", () => {
    const bare = "101200044d51545404020000" + "0006646f7070656c";
    expect(hex(encodeConnect({ clientId: "doppel", keepAliveSeconds: 0, cleanSession: true }))).toBe(bare);
    expect(hex(encodeConnect({ clientId: "doppel", password: "p", keepAliveSeconds: 0, cleanSession: true }))).toBe(
      bare,
    );
  });

  it("encodes PUBLISH with the spec's example variable header: topic a/b, packet id 10 (3.3.2.3)", () => {
    const base = { topic: "a/b", payload: "hi", packetId: 10 } as const;
    expect(hex(encodePublish({ ...base, qos: 1, dup: false }))).toBe("3209" + "0003612f62" + "000a" + "6869");
    // A re-send carries DUP (3.3.1.1); QoS 0 has no packet id and never DUP.
    expect(hex(encodePublish({ ...base, qos: 1, dup: true }))).toBe("3a09" + "0003612f62" + "000a" + "6869");
    expect(hex(encodePublish({ ...base, qos: 0, dup: true }))).toBe("3007" + "0003612f62" + "6869");
  });

  it("encodes UTF-8 topics and payloads by byte length, and a two-byte Remaining Length", () => {
    const payload = "é".repeat(100); // 200 bytes
    const packet = encodePublish({ topic: "t/ü", payload, qos: 1, packetId: 65_535, dup: false });
    // 2 + 4 (topic) + 2 (id) + 200 = 208 = 0xd0 0x01
    expect(hex(packet.subarray(0, 11))).toBe("32d001" + "0004742fc3bc" + "ffff");
    expect(packet.subarray(11).toString("utf8")).toBe(payload);
    expect(packet).toHaveLength(211);
    const binary = encodePublish({ topic: "b", payload: Buffer.from([0, 255]), qos: 0, packetId: 0, dup: false });
    expect(hex(binary)).toBe("3005000162" + "00ff");
  });

  it("encodes PINGREQ and DISCONNECT (3.12, 3.14)", () => {
    expect(hex(pingreq)).toBe("c000");
    expect(hex(disconnect)).toBe("e000");
  });
});

describe("MQTT 3.1.1 packet decoding", () => {
  const readAll = (chunks: Buffer[]) => {
    const reader = new PacketReader();
    const packets: { type: number; flags: number; body: string }[] = [];
    const collect = (p: Packet) => packets.push({ type: p.type, flags: p.flags, body: hex(p.body) });
    for (const chunk of chunks) reader.push(chunk, collect);
    return packets;
  };

  it("splits CONNACK, PUBACK and PINGRESP out of one chunk", () => {
    const packets = readAll([Buffer.from("20020000" + "4002000a" + "d000", "hex")]);
    expect(packets).toEqual([
      { type: 2, flags: 0, body: "0000" },
      { type: 4, flags: 0, body: "000a" },
      { type: 13, flags: 0, body: "" },
    ]);
  });

  it("reassembles packets cut anywhere, also inside the Remaining Length", () => {
    const publish = encodePublish({ topic: "a/b", payload: "x".repeat(200), qos: 1, packetId: 7, dup: false });
    const stream = Buffer.concat([Buffer.from("4002ffff", "hex"), publish, Buffer.from("4002000b", "hex")]);
    const whole = readAll([stream]);
    expect(whole.map((p) => p.type)).toEqual([4, 3, 4]);
    expect(whole[1]).toEqual({ type: 3, flags: 2, body: hex(publish.subarray(3)) });
    for (let cut = 1; cut < stream.length; cut += 1) {
      expect(readAll([stream.subarray(0, cut), stream.subarray(cut)])).toEqual(whole);
    }
    expect(readAll([...stream].map((byte) => Buffer.from([byte])))).toEqual(whole);
  });

  it("reads CONNACK's session present flag and return code, and PUBACK's packet id", () => {
    const connack = (bytes: string) => decodeConnack({ type: 2, flags: 0, body: Buffer.from(bytes, "hex") });
    expect(connack("0000")).toEqual({ sessionPresent: false, returnCode: 0 });
    expect(connack("0105")).toEqual({ sessionPresent: true, returnCode: 5 });
    expect(decodePuback({ type: 4, flags: 0, body: Buffer.from("1234", "hex") })).toBe(0x1234);
    expect(() => decodePuback({ type: 4, flags: 0, body: Buffer.alloc(1) })).toThrow("malformed PUBACK");
  });

  it("rejects a Remaining Length longer than four bytes", () => {
    expect(() => readAll([Buffer.from("40ffffffff01", "hex")])).toThrow("malformed MQTT remaining length");
  });
});
