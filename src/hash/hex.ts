/** toHex returns lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** fromHex parses hex into bytes; it throws on odd length or a non-hex digit. */
export function fromHex(text: string): Uint8Array {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) throw new Error('not a hex string');
  return new Uint8Array(Buffer.from(text, 'hex'));
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** isSha256Hex: whether `text` is a SHA-256 digest as the log writes them (64 lower-case hex digits). */
export function isSha256Hex(text: unknown): text is string {
  return typeof text === 'string' && SHA256_HEX.test(text);
}
