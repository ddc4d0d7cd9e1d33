// Hostile and damaged files: each is refused quickly, in one short line, before it can freeze or
// crash the page (issue: arrays nested thousands deep overflowed the stack; a file of `[` crashed
// the tab; invalid UTF-8 was replaced silently; refusals ran to 10,000 characters).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_DEPTH, parseWorkbookBytes, parseWorkbookText, prescanJson, serializeWorkbook } from '../../src/io/workbook-file';
import { describeProblems, MAX_MESSAGE_CHARS, type Problem } from '../../src/model/validate';
import { MAX_OVERRIDES } from '../../src/model/schema';
import { loadSample } from '../../src/sample';
import { whereOnScreen } from '../../src/ui/sheets/where';

const sample = loadSample();
const refusal = (r: ReturnType<typeof parseWorkbookText>) => (r.ok ? null : describeProblems(r.problems));

describe('files that could stall or crash the page', () => {
  it('refuses 29 MB of nothing but [ at the first level too deep, without parsing it', () => {
    const text = '['.repeat(29 * 1024 * 1024);
    const r = parseWorkbookText(text);
    expect(refusal(r)).toBe(`the file nests lists or objects more than ${MAX_DEPTH} deep; a Headroom workbook nests at most 6`);
  });

  it('refuses arrays nested thousands deep inside a workbook field, in one short line', () => {
    const text = serializeWorkbook(sample).replace('"description": "', `"description": ${'['.repeat(5000)}1${']'.repeat(5000)}, "x": "`);
    expect(refusal(parseWorkbookText(text))).toMatch(/nests lists or objects more than 32 deep/);
  });

  it('counts brackets inside text as text, so a name with [[[ is fine', () => {
    const wb = { ...sample, description: '['.repeat(100) + '{'.repeat(100) + '\\"' };
    expect(parseWorkbookText(serializeWorkbook(wb)).ok).toBe(true);
    expect(prescanJson('{"a": "\\"[[[["}')).toBeNull();
  });

  it('refuses a file that is not UTF-8, rather than changing its letters', () => {
    const bytes = new TextEncoder().encode(serializeWorkbook({ ...sample, name: 'Thurrock' }));
    const at = bytes.indexOf(0x54); // the T of Thurrock
    bytes[at] = 0xff;
    const r = parseWorkbookBytes(bytes);
    expect(refusal(r)).toMatch(/^the file is not UTF-8 text/);
    const good = parseWorkbookBytes(new TextEncoder().encode('\ufeff' + serializeWorkbook(sample)));
    expect(good.ok).toBe(true);
  });

  it('refuses more overrides in all than the documented limit before checking them', () => {
    const scenarios = Array.from({ length: 11 }, (_, s) => ({
      id: `s${s}`, name: `S${s}`, description: '', interventions: [],
      overrides: Array.from({ length: 10_000 }, () => ({ path: 'demand.consultationRate', value: 5 })),
    }));
    const r = parseWorkbookText(JSON.stringify({ ...sample, scenarios }));
    expect(refusal(r)).toBe(`scenarios: the scenarios have 110,000 overrides in all; a workbook may have at most ${MAX_OVERRIDES.toLocaleString('en-GB')}`);
  });

  it('opens 10 scenarios of 10,000 overrides each, the documented limit', () => {
    const paths = sample.workforce.map((w) => `workforce[${w.level}:${w.code}:${w.role}].wte`);
    const scenarios = Array.from({ length: 10 }, (_, s) => ({
      id: `s${s}`, name: `S${s}`, description: '', interventions: [],
      overrides: Array.from({ length: 10_000 }, (_, i) => ({ path: paths[(i * 7 + s) % paths.length], value: (i % 50) + 1 })),
    }));
    const r = parseWorkbookText(JSON.stringify({ ...sample, scenarios }));
    expect(r.ok && r.workbook.scenarios.length).toBe(10);
  }, 60_000);
});

describe('refusal messages', () => {
  it('name the sheet, the row as shown and the column, not the inner path', () => {
    expect(whereOnScreen('workforce[practice:F81001:gp].wte')).toBe('Workforce sheet, row practice · F81001 · gp, column WTE');
    expect(whereOnScreen('settings.navigationShare')).toBe('Settings sheet, Share of demand care-navigated today');
    expect(whereOnScreen('demand.seasonality[0]')).toBe('Demand and seasonality sheet, Seasonal index: January');
    const wb = structuredClone(sample);
    wb.workforce[0].wte = 1e308;
    const r = parseWorkbookText(serializeWorkbook(wb));
    const w = wb.workforce[0];
    expect(!r.ok && describeProblems(r.problems, whereOnScreen)).toBe(`Workforce sheet, row ${w.level} · ${w.code} · ${w.role}, column WTE: WTE must be from 0 to 5,000`);
  });

  it('are one line of at most 300 characters, the first few problems and a count of the rest, whatever the problems', () => {
    const problemArb = fc.record({ path: fc.oneof(fc.constant(''), fc.string({ maxLength: 400 })), message: fc.string({ maxLength: 2000 }) });
    fc.assert(
      fc.property(fc.array(problemArb, { minLength: 1, maxLength: 200 }), (problems: Problem[]) => {
        for (const where of [undefined, whereOnScreen]) {
          const msg = describeProblems(problems, where);
          expect(msg.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
          expect(msg).not.toMatch(/[\n\r]/);
          if (problems.length > 1) expect(msg).toMatch(/\(and \d+ more problems?\)$|; /);
        }
      }),
      { numRuns: 300, seed: 14 },
    );
  });

  it('lists the first three of many problems and counts the others', () => {
    const wb = structuredClone(sample);
    for (const w of wb.workforce.slice(0, 20)) w.wte = -1;
    const r = parseWorkbookText(serializeWorkbook(wb));
    const msg = !r.ok ? describeProblems(r.problems) : '';
    expect(msg.split('; ')).toHaveLength(3);
    expect(msg).toMatch(/\(and 17 more problems\)$/);
  });
});
