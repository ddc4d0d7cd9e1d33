// Paths name one value inside a workbook, e.g. `roles[gp].leavingRate` or `demand.seasonality[0]`.
// Rows of tables are addressed by their key (code or id), never by position, so a path stays valid
// when rows are sorted, added or deleted. Scenario overrides, edits, undo and error messages all
// speak in these paths.

export type Segment = string | number;
export type Path = readonly Segment[];

/** Tables of the workbook whose rows are addressed by key, and how the key is formed. */
const ROW_KEYS = {
  systems: (r) => String(r.code),
  places: (r) => String(r.code),
  pcns: (r) => String(r.code),
  practices: (r) => String(r.code),
  roles: (r) => String(r.id),
  needs: (r) => String(r.id),
  interventions: (r) => String(r.id),
  scenarios: (r) => String(r.id),
  funding: (r) => String(r.id),
  workforce: (r) => `${String(r.level)}:${String(r.code)}:${String(r.role)}`,
  externalCapacity: (r) => `${String(r.scope)}:${String(r.role)}`,
} satisfies Record<string, (row: Record<string, unknown>) => string>;

export type KeyedTable = keyof typeof ROW_KEYS;
export const KEYED_TABLES = Object.keys(ROW_KEYS) as KeyedTable[];

export function isKeyedTable(name: string): name is KeyedTable {
  return Object.prototype.hasOwnProperty.call(ROW_KEYS, name);
}

export function rowKey(table: KeyedTable, row: object): string {
  return ROW_KEYS[table](row as Record<string, unknown>);
}

export function formatPath(path: Path): string {
  let out = '';
  let prev: Segment | undefined;
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (prev === undefined) out = seg;
    // the segment after a table name is a row key, always bracketed
    else if (typeof prev === 'string' && isKeyedTable(prev)) out += `[${seg}]`;
    else out += isPlainName(seg) ? `.${seg}` : `[${seg}]`;
    prev = seg;
  }
  return out;
}

/** Turns `roles[gp].leavingRate` into ['roles', 'gp', 'leavingRate']; null when it is not a path. */
export function parsePath(text: string): Segment[] | null {
  const out: Segment[] = [];
  let i = 0;
  const readName = (): string | null => {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (!m) return null;
    i += m[0].length;
    return m[0];
  };
  const first = readName();
  if (first === null) return null;
  out.push(first);
  while (i < text.length) {
    const c = text[i];
    if (c === '.') {
      i++;
      const n = readName();
      if (n === null) return null;
      out.push(n);
    } else if (c === '[') {
      const close = text.indexOf(']', i);
      if (close < 0) return null;
      const inner = text.slice(i + 1, close);
      if (inner === '') return null;
      out.push(/^\d+$/.test(inner) ? Number(inner) : inner);
      i = close + 1;
    } else return null;
  }
  return out;
}

function isPlainName(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s);
}

/** The value a path points at, or undefined when any step is missing. */
export function getAt(root: unknown, path: Path): unknown {
  let node: unknown = root;
  let parentName = '';
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    if (Array.isArray(node)) {
      // rows of a keyed table are found by key even when the key looks like a number
      if (isKeyedTable(parentName)) node = node.find((r: object) => rowKey(parentName as KeyedTable, r) === String(seg));
      else if (typeof seg === 'number') node = node[seg];
      else return undefined;
    } else {
      if (typeof seg !== 'string' || !Object.prototype.hasOwnProperty.call(node, seg)) return undefined;
      node = (node as Record<string, unknown>)[seg];
    }
    parentName = typeof seg === 'string' ? seg : '';
  }
  return node;
}

/**
 * A copy of `root` with the value at `path` replaced; only the objects along the path are copied,
 * so unchanged tables stay shared (cheap undo, cheap structural comparison). Throws when the path
 * does not lead to an existing value: an edit is never allowed to invent fields.
 */
export function setAt<T>(root: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [seg, ...rest] = path;
  return setIn(root, seg, rest, value, '') as T;
}

function setIn(node: unknown, seg: Segment, rest: Segment[], value: unknown, parentName: string): unknown {
  if (node === null || typeof node !== 'object') throw new Error(`no value at ${String(seg)}`);
  const childName = typeof seg === 'string' ? seg : '';
  if (Array.isArray(node)) {
    let index: number;
    if (isKeyedTable(parentName)) index = node.findIndex((r: object) => rowKey(parentName as KeyedTable, r) === String(seg));
    else if (typeof seg === 'number') index = seg;
    else index = -1;
    if (index < 0 || index >= node.length) throw new Error(`no row ${String(seg)} in ${parentName || 'list'}`);
    const copy = node.slice();
    copy[index] = rest.length === 0 ? value : setIn(node[index], rest[0], rest.slice(1), value, childName);
    return copy;
  }
  if (typeof seg !== 'string' || !Object.prototype.hasOwnProperty.call(node, seg)) throw new Error(`no field ${String(seg)}`);
  const obj = node as Record<string, unknown>;
  return { ...obj, [seg]: rest.length === 0 ? value : setIn(obj[seg], rest[0], rest.slice(1), value, childName) };
}
