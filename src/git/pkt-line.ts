/**
 * git's pkt-line framing (gitprotocol-common): four hex digits giving the packet's length
 * including those four bytes, then the payload; `0000` is a flush packet. A payload holds at
 * most 65516 bytes.
 */
export const MAX_PAYLOAD = 65516;
export const FLUSH = Buffer.from('0000');

export type Packet = { readonly kind: 'flush' } | { readonly kind: 'data'; readonly data: Buffer };

/** Frames `payload` as one packet (the caller keeps it ≤ MAX_PAYLOAD). */
export function packet(payload: Buffer | string): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  return Buffer.concat([Buffer.from((data.length + 4).toString(16).padStart(4, '0')), data]);
}

/** `key=value\n` text packet. */
export function textPacket(text: string): Buffer {
  return packet(`${text}\n`);
}

/** Content as packets of at most MAX_PAYLOAD bytes (no packets for empty content). */
export function contentPackets(content: Buffer): Buffer[] {
  const packets: Buffer[] = [];
  for (let at = 0; at < content.length; at += MAX_PAYLOAD) {
    const slice = content.subarray(at, Math.min(content.length, at + MAX_PAYLOAD));
    const header = Buffer.from((slice.length + 4).toString(16).padStart(4, '0'));
    packets.push(header, slice);
  }
  return packets;
}

/** Splits a byte stream into packets as chunks arrive, however the chunks cut them. */
export class PacketParser {
  private pending: Buffer = Buffer.alloc(0);

  /** Returns the packets completed by `chunk`. */
  push(chunk: Buffer): Packet[] {
    let buffer = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const packets: Packet[] = [];
    while (buffer.length >= 4) {
      const length = parseInt(buffer.toString('latin1', 0, 4), 16);
      if (!Number.isInteger(length) || !/^[0-9a-f]{4}$/i.test(buffer.toString('latin1', 0, 4))) {
        throw new Error(`bad pkt-line header ${JSON.stringify(buffer.toString('latin1', 0, 4))}`);
      }
      if (length === 0) {
        packets.push({ kind: 'flush' });
        buffer = buffer.subarray(4);
        continue;
      }
      if (length < 4) throw new Error(`unsupported special packet ${length.toString(16).padStart(4, '0')}`);
      if (buffer.length < length) break;
      packets.push({ kind: 'data', data: buffer.subarray(4, length) });
      buffer = buffer.subarray(length);
    }
    // Copy the remainder so a tiny leftover does not pin a large chunk in memory.
    this.pending = Buffer.from(buffer);
    return packets;
  }

  get idle(): boolean {
    return this.pending.length === 0;
  }
}

/** A text packet's payload without its trailing newline. */
export function packetText(data: Buffer): string {
  const text = data.toString('utf8');
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}
