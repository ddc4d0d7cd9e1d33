// Save all workbooks, a damaged workbook's text: files handed to the browser's downloads through
// the one place that makes download links (io/download.ts).
import { saveBlob } from './io/download';

export function download(blob: Blob, name: string): void {
  saveBlob(blob, name);
}

export function downloadText(fileName: string, text: string): void {
  saveBlob(new Blob([text], { type: 'application/json' }), fileName);
}
