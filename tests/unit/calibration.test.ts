// The sample workbook against the figures the mid and south Essex strategy published (MODEL.md
// section 10): each within 10%. The table printed here is the one in docs/calibration.md.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Projection } from '../../src/engine';
import { loadSample } from '../../src/sample';

const sample = loadSample();
const p = new Projection(sample);
const year = (scenario: string, fy: string) => p.yearly(scenario).find((y) => y.fy === fy)!;

const STRATEGY = 'Mid and south Essex primary care strategy';
const rows = [
  { figure: 'Net gap, Do nothing, 2018/19 (appointments a week)', published: 20_000, source: `${STRATEGY}: measured gap`, model: year('do-nothing', '2018/19').netGapPerWeek },
  { figure: 'Net gap, Worst case, 2020/21 (appointments a week)', published: 60_000, source: `${STRATEGY}: worst case, half of GPs retire`, model: year('worst-case', '2020/21').netGapPerWeek },
  { figure: 'GP headcount per 100,000 patients, 2018/19', published: 46, source: 'General Practice Workforce 2018/19 (561 fully qualified GPs, 1.24m patients), NHS Digital', model: year('do-nothing', '2018/19').gpHeadcountPer100k },
];

describe('calibration of the mid and south Essex sample', () => {
  it('reproduces each published figure within 10%', () => {
    console.table(rows.map((r) => ({ ...r, model: Math.round(r.model * 10) / 10, difference: `${(((r.model - r.published) / r.published) * 100).toFixed(1)}%` })));
    for (const r of rows) expect(Math.abs(r.model - r.published) / r.published, r.figure).toBeLessThanOrEqual(0.1);
  });

  it('has GPs delivering over 30 contacts a GP a day in 2018/19', () => {
    expect(year('do-nothing', '2018/19').gpContactsPerGpDay).toBeGreaterThan(30);
  });

  it('is built from the published practices and lists', () => {
    expect(sample.practices).toHaveLength(172);
    const registered = sample.practices.reduce((a, x) => a + x.registered, 0);
    expect(Math.abs(registered - 1_240_000) / 1_240_000).toBeLessThan(0.02);
    // every default carries its source, or says it is illustrative
    for (const r of [...sample.roles, ...sample.needs, ...sample.places, ...sample.interventions, ...sample.funding, ...sample.workforce]) expect(r.source.trim().length).toBeGreaterThan(0);
  });

  it('keeps unmet demand close to the net gap when nothing changes (little capacity stranded)', () => {
    const y = year('do-nothing', '2018/19');
    expect(y.strandedPerWeek / y.netGapPerWeek).toBeLessThan(0.1);
  });

  it('is what the builder makes from ../shared/data, when that data is present', () => {
    const data = resolve(__dirname, '../../../shared/data');
    // CI clones this repository alone: the committed sample is then the reference, nothing to rebuild
    if (!existsSync(data)) return;
    const out = join(mkdtempSync(join(tmpdir(), 'headroom-sample-')), 'mse.headroom.json');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-sample.ts', '--data', data, '--out', out], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync('src/sample/mse.headroom.json', 'utf8'));
  });
});
