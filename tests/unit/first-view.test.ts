// The first view the build puts in the page (scripts/vite/first-view.ts): the app's own overview of
// the sample, with the engine's figures for the year that contains today.
import { describe, expect, it } from 'vitest';
import { renderFirstView } from '../../scripts/vite/first-view-render';
import { loadSample } from '../../src/sample';
import { Projection } from '../../src/engine';
import { financialYearOf } from '../../src/model/dates';

describe('the first view in the page', () => {
  it("is the overview of the sample with the engine's figures for this year", async () => {
    const { html, fy } = await renderFirstView();
    const today = financialYearOf(new Date().toISOString().slice(0, 10));
    expect(fy).toBe(today);
    const sample = loadSample();
    const node = new Projection(sample);
    const labels = node.meta().fyLabels;
    const shownFy = labels.includes(today) ? today : labels[0];
    const years = node.yearly(sample.scenarios[0].id);
    const expected = years.find((y) => y.fy === shownFy)!;

    const value = /data-metric="netGapPerWeek" data-value="([^"]+)"/.exec(html)?.[1];
    expect(Number(value)).toBe(expected.netGapPerWeek);
    expect(html).toContain(`appointments a week ${expected.netGapPerWeek > 0 ? 'short' : 'to spare'} in ${shownFy}`);
    // every year's bar, with the figure written on it
    for (const y of years) expect(html).toContain(`data-bar="${y.fy}"`);
    expect(html).toContain(sample.name);
    // the app's whole page (one h1, the top bar), never taken for the app ready to use
    expect(html.match(/<h1/g)).toHaveLength(1);
    expect(html).toContain('data-layout="overview"');
    expect(html).toContain('data-ready="false"');
    // and never saying the workbook is saved before the app has stored it
    expect(html).toContain('data-status="loading"');
    expect(html).toContain('Opening…');
    expect(html).not.toContain('Saved in this browser');
  });
});
