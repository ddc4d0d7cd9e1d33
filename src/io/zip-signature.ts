// Whether a file is a zip, from its first four bytes: small, so the page can tell a backup from a
// workbook without loading the zip code.

/** True when the bytes start like a zip file (its local header signature, PK\x03\x04). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
