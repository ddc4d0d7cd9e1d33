// CSV out: RFC 4180 quoting, a header row in the words on screen, CRLF line ends and a byte-order
// mark so Excel opens it as UTF-8 (pound signs and en dashes intact).
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  return [headers, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The same text with a UTF-8 byte-order mark, for a file a spreadsheet will open. */
export function withBom(csv: string): string {
  return '\ufeff' + csv;
}

export { fileStem } from './file-name';
