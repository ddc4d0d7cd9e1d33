/** A safe file name stem from any title: letters, digits and dashes (accents dropped), at most 80. */
export function fileStem(name: string, fallback = 'table'): string {
  const stem = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return stem || fallback;
}
