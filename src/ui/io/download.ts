// Hands a file to the browser's downloads: the only place the UI makes a download link.
import type { Download } from '../../state/transfer';

export function download(d: Download): void {
  const blob = new Blob([d.data as BlobPart], { type: d.type });
  saveBlob(blob, d.name);
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
