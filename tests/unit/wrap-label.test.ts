// Long labels of horizontal bar charts (the tornado's assumptions) wrap at word breaks within the
// axis's share of the chart, and a label too long for its lines is cut with an ellipsis.
import { describe, expect, it } from 'vitest';
import { charsThatFit, wrapLabel } from '../../src/ui/results/wrap-label';

describe('wrapLabel', () => {
  it('leaves a short label on one line', () => {
    expect(wrapLabel('GP · Contacts a day (33 to 40)', 40)).toEqual(['GP · Contacts a day (33 to 40)']);
  });

  it('wraps at word breaks, no line longer than the width', () => {
    const lines = wrapLabel('Consultations per patient a year (4.9 to 5.6)', 26);
    expect(lines).toEqual(['Consultations per patient', 'a year (4.9 to 5.6)']);
    expect(lines.every((l) => l.length <= 26)).toBe(true);
  });

  it('cuts what does not fit in its lines with an ellipsis, within the width', () => {
    const text = 'Practice nurse · Share of demand care-navigated today with signposting (20% to 30%)';
    const lines = wrapLabel(text, 20);
    expect(lines).toHaveLength(2);
    expect(lines[1].endsWith('…')).toBe(true);
    expect(lines.every((l) => l.length <= 20)).toBe(true);
    expect(text.startsWith(lines[0])).toBe(true);
  });

  it('breaks a single word longer than a line', () => {
    const lines = wrapLabel('Pneumonoultramicroscopicsilicovolcanoconiosis', 12);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('Pneumonoultr');
    expect(lines[1]).toHaveLength(12);
    expect(lines[1].endsWith('…')).toBe(true);
  });

  it('fits more characters in a wider chart and fewer at a larger font', () => {
    expect(charsThatFit(600, 0.36, 11)).toBe(35);
    expect(charsThatFit(1200, 0.36, 11)).toBeGreaterThan(charsThatFit(600, 0.36, 11));
    expect(charsThatFit(600, 0.36, 18)).toBeLessThan(charsThatFit(600, 0.36, 11));
  });
});
