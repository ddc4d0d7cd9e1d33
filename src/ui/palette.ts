// Colour-blind-safe colours (Paul Tol's "bright" and "muted" schemes), fixed per meaning so a
// colour reads the same on every chart.
export const TOL_BRIGHT = ['#4477AA', '#EE6677', '#228833', '#CCBB44', '#66CCEE', '#AA3377', '#BBBBBB'];
export const TOL_MUTED = ['#332288', '#88CCEE', '#44AA99', '#117733', '#999933', '#DDCC77', '#CC6677', '#882255', '#AA4499', '#DDDDDD'];

export const C = {
  demand: '#222222',
  capacity: '#4477AA',
  capacitySafe: '#66CCEE',
  gap: 'rgba(238, 102, 119, 0.35)',
  surplus: 'rgba(34, 136, 51, 0.25)',
  gp: '#4477AA',
  safe: '#EE6677',
  bar: '#EE6677',
  barNegative: '#228833',
};

/** A colour per series, cycling through the muted scheme (then bright) for long lists. */
export function seriesColour(i: number): string {
  const all = [...TOL_MUTED.slice(0, 9), ...TOL_BRIGHT];
  return all[i % all.length];
}
