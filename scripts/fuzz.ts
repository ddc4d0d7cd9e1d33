// A large generated run through the project's own reading, validation and engine (the unit tests
// run the same checks at a size that fits CI). Figures go in docs/reliability.md.
//   npm run fuzz -- [--extreme N] [--damaged N] [--seed S]
// Exits 1 when any promise is broken: a crash, a non-finite figure, a refusal over 300 characters
// or over one line, or prototype pollution.
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { parseWorkbookBytes, serializeWorkbook } from '../src/io/workbook-file';
import { describeProblems, MAX_MESSAGE_CHARS } from '../src/model/validate';
import { Projection, type EntityRef } from '../src/engine';
import { loadSample } from '../src/sample';
import { extremeWorkbookArb } from '../tests/gen/extreme';

const { values } = parseArgs({ options: { extreme: { type: 'string', default: '3000' }, damaged: { type: 'string', default: '5000' }, seed: { type: 'string', default: '2026' } } });
const seed = Number(values.seed);
const broken: string[] = [];
const fail = (what: string) => {
  if (broken.length < 20) broken.push(what);
};

function checkRefusal(msg: string, what: string) {
  if (msg.length > MAX_MESSAGE_CHARS) fail(`${what}: refusal of ${msg.length} characters`);
  if (/[\n\r]/.test(msg)) fail(`${what}: refusal over more than one line`);
}

// ---- extreme values ------------------------------------------------------------------------------
let accepted = 0;
let refused = 0;
let figures = 0;
let slowestEngineMs = 0;
const t0 = performance.now();
for (const wb of fc.sample(extremeWorkbookArb, { numRuns: Number(values.extreme), seed })) {
  const r = parseWorkbookBytes(new TextEncoder().encode(serializeWorkbook(wb)));
  if (!r.ok) {
    refused++;
    checkRefusal(describeProblems(r.problems), 'extreme');
    continue;
  }
  accepted++;
  const t = performance.now();
  try {
    const p = new Projection(r.workbook);
    const refs: EntityRef[] = [{ level: 'total', code: '' }, ...r.workbook.practices.map((x) => ({ level: 'practice' as const, code: x.code }))];
    for (const s of r.workbook.scenarios) {
      for (const ref of refs) {
        for (const row of p.yearly(s.id, ref)) for (const v of Object.values(row)) if (typeof v === 'number') figures += Number.isFinite(v) ? 1 : (fail(`extreme: non-finite ${v}`), 0);
      }
    }
  } catch (err) {
    fail(`extreme: engine threw ${(err as Error).message}`);
    if (process.env.FUZZ_DUMP) (await import('node:fs')).writeFileSync(process.env.FUZZ_DUMP, serializeWorkbook(r.workbook));
  }
  slowestEngineMs = Math.max(slowestEngineMs, performance.now() - t);
}
const extremeSeconds = (performance.now() - t0) / 1000;

// ---- damaged files -------------------------------------------------------------------------------
const sampleText = serializeWorkbook(loadSample());
const sampleBytes = new TextEncoder().encode(sampleText);
const damage = fc.oneof(
  // bytes flipped anywhere (often invalid UTF-8)
  fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((flips) => {
    const b = sampleBytes.slice();
    for (const [i, v] of flips) b[i % b.length] = v;
    return { kind: 'bytes', bytes: b };
  }),
  // cut short
  fc.nat().map((n) => ({ kind: 'truncated', bytes: sampleBytes.slice(0, n % sampleBytes.length) })),
  // nesting thousands deep somewhere
  fc.tuple(fc.nat(), fc.integer({ min: 33, max: 200_000 }), fc.constantFrom('[', '{"a":')).map(([at, depth, open]) => {
    const i = sampleText.indexOf(':', at % sampleText.length);
    const close = open === '[' ? ']' : '}';
    const text = i < 0 ? open.repeat(depth) : sampleText.slice(0, i + 1) + open.repeat(depth) + '1' + close.repeat(depth) + sampleText.slice(sampleText.indexOf(',', i));
    return { kind: 'deep', bytes: new TextEncoder().encode(text) };
  }),
  // any JSON value in place of a field's value
  fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 4 })).map(([at, value]) => {
    const doc = JSON.parse(sampleText) as Record<string, unknown>;
    const leaves: [Record<string | number, unknown>, string | number][] = [];
    const walk = (node: unknown) => {
      if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) {
        leaves.push([node as Record<string, unknown>, Array.isArray(node) ? Number(k) : k]);
        walk(v);
      }
    };
    walk(doc);
    const [parent, key] = leaves[at % leaves.length];
    parent[key] = value;
    return { kind: 'value', bytes: new TextEncoder().encode(JSON.stringify(doc)) };
  }),
  // prototype keys
  fc.constantFrom('__proto__', 'constructor', 'prototype').map((k) => ({ kind: 'proto', bytes: new TextEncoder().encode(sampleText.replace('"settings": {', `"settings": {"${k}": {"polluted": true},`)) })),
);
const byKind: Record<string, { n: number; refused: number; slowestMs: number; longest: number }> = {};
const t1 = performance.now();
for (const d of fc.sample(damage, { numRuns: Number(values.damaged), seed })) {
  const k = (byKind[d.kind] ??= { n: 0, refused: 0, slowestMs: 0, longest: 0 });
  k.n++;
  const t = performance.now();
  try {
    const r = parseWorkbookBytes(d.bytes);
    if (!r.ok) {
      k.refused++;
      const msg = describeProblems(r.problems);
      k.longest = Math.max(k.longest, msg.length);
      checkRefusal(msg, d.kind);
    } else {
      // an accepted damaged file (a change that kept it valid) must still compute finite figures
      for (const row of new Projection(r.workbook).yearly(r.workbook.scenarios[0].id)) for (const v of Object.values(row)) if (typeof v === 'number' && !Number.isFinite(v)) fail(`${d.kind}: non-finite figure`);
    }
  } catch (err) {
    fail(`${d.kind}: threw ${(err as Error).name}: ${(err as Error).message.slice(0, 100)}`);
  }
  k.slowestMs = Math.max(k.slowestMs, performance.now() - t);
  if (({} as Record<string, unknown>).polluted !== undefined) fail(`${d.kind}: prototype polluted`);
}
const damagedSeconds = (performance.now() - t1) / 1000;

// ---- the largest files the limits allow -------------------------------------------------------------
const bigTimes: string[] = [];
for (const [label, text] of [
  ['29 MB of [', '['.repeat(29 * 1024 * 1024)],
  ['29 MB of 0, in a list', '[' + '0,'.repeat(14 * 1024 * 1024) + '0]'],
] as const) {
  const bytes = new TextEncoder().encode(text);
  const t = performance.now();
  const r = parseWorkbookBytes(bytes);
  bigTimes.push(`${label}: ${r.ok ? 'accepted' : 'refused'} in ${Math.round(performance.now() - t)} ms (${r.ok ? '' : describeProblems(r.problems).slice(0, 80)})`);
}

const fmt = (n: number) => n.toLocaleString('en-GB');
console.log(`extreme workbooks: ${fmt(accepted + refused)} (seed ${seed}); accepted ${fmt(accepted)} and computed (${fmt(figures)} finite yearly figures, slowest ${Math.round(slowestEngineMs)} ms), refused ${fmt(refused)}; ${extremeSeconds.toFixed(1)} s`);
for (const [kind, k] of Object.entries(byKind)) console.log(`damaged (${kind}): ${fmt(k.n)}, refused ${fmt(k.refused)}, slowest ${Math.round(k.slowestMs)} ms, longest refusal ${k.longest} characters`);
console.log(`damaged files: ${damagedSeconds.toFixed(1)} s`);
for (const line of bigTimes) console.log(line);
if (broken.length) {
  console.log(`BROKEN (${broken.length}${broken.length === 20 ? '+' : ''}):\n  ${broken.join('\n  ')}`);
  process.exit(1);
}
console.log('every promise held: no crash, no non-finite figure, every refusal one line of at most 300 characters, no prototype pollution');
