// Hands a file to the browser's downloads (Save to file, Save all workbooks, a damaged workbook's
// text): the only way data leaves the app.
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(fileName: string, text: string): void {
  download(new Blob([text], { type: 'application/json' }), fileName);
}
