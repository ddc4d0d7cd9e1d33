// Builds every results chart from one engine view. Pure functions of (meta, view), no DOM.
import type { Meta } from '../../engine';
import type { View } from '../../engine-client';
import type { ChartSpec } from './chart-spec';
import { C, seriesColour } from '../palette';

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** PCNs the ranking chart draws at each end (largest gaps and smallest); the table has them all. */
export const RANKING_ENDS = 15;
/** A ranking of up to this many PCNs (a system or two) is drawn whole. */
export const RANKING_WHOLE = 50;

/**
 * Which bars of a ranking (largest gap first) the chart draws: all of a short one, else the
 * `ends` largest and `ends` smallest, with a plain note of how many are left out. Drawing 1,250
 * bars made a 22,000-pixel canvas that no one could read and that took a long task to paint.
 */
export function rankingPlot(count: number, ends = RANKING_ENDS, whole = RANKING_WHOLE): ChartSpec['plot'] {
  if (count <= Math.max(whole, ends * 2)) return undefined;
  const indices = [...Array.from({ length: ends }, (_, i) => i), ...Array.from({ length: ends }, (_, i) => count - ends + i)];
  const hidden = count - ends * 2;
  return { indices, note: `The ${ends} largest gaps and the ${ends} smallest of ${count.toLocaleString('en-GB')} PCNs; the ${hidden.toLocaleString('en-GB')} between are left out of the chart. Show table lists every PCN.` };
}

export function weekLabels(meta: Meta): string[] {
  const start = Date.parse(meta.startDate + 'T00:00:00Z');
  return Array.from({ length: meta.layout.T }, (_, t) => dateFmt.format(new Date(start + t * 7 * 86_400_000)));
}

function series(meta: Meta, view: View, s: number): number[] {
  const T = meta.layout.T;
  return Array.from(view.series.subarray(s * T, (s + 1) * T));
}

export function buildSpecs(meta: Meta, view: View, weeks: readonly string[], entityName: string, scenarioName: string): ChartSpec[] {
  const L = meta.layout;
  const B = L.base;
  const T = L.T;
  // weekly charts mark the first week of each financial year with its label
  const fyTicks = meta.fyFirstWeek.map((index, i) => ({ index, label: meta.fyLabels[i] }));
  const demand = series(meta, view, B.demand);
  const capacity = series(meta, view, B.capacity);
  const capacitySafe = series(meta, view, B.capacitySafe);
  const where = `${entityName} · ${scenarioName}`;

  const gpDelivered = series(meta, view, B.gpDelivered);
  const gpWteDays = series(meta, view, B.gpWteDays);
  const contacts = gpDelivered.map((d, t) => (gpWteDays[t] > 0 ? (d * 52) / gpWteDays[t] : 0));
  const gpRole = meta.roles.find((r) => r.group === 'gp');
  const safe = gpRole?.safeContactsPerDay ?? gpRole?.contactsPerDay ?? 25;

  const registered = series(meta, view, B.registered);
  const gpWte = series(meta, view, B.gpWte);
  const per100k = gpWte.map((w, t) => (registered[t] > 0 ? (w * 100_000) / registered[t] : 0));

  // roles that never have capacity in this view add nothing but legend noise
  const activeRoles = meta.roles.map((r, j) => ({ r, j })).filter(({ j }) => view.series.subarray((L.roleWte + j) * T, (L.roleWte + j + 1) * T).some((x) => x > 0) || view.series.subarray((L.roleCapacity + j) * T, (L.roleCapacity + j + 1) * T).some((x) => x > 0));

  const ranking = view.pcnRanking;
  const fys = view.years.map((y) => y.fy);

  return [
    {
      id: 'gap',
      title: 'Demand against capacity',
      subtitle: `Appointments per week, gap shaded · ${where}`,
      kind: 'line',
      labels: weeks,
      xTitle: 'Week starting',
      xTicks: fyTicks,
      yTitle: 'Appointments per week',
      format: 'int',
      series: [
        { label: 'Demand', data: demand, colour: C.demand },
        { label: 'Capacity (current workload)', data: capacity, colour: C.capacity, fillToPrevious: { above: C.surplus, below: C.gap } },
        { label: 'Capacity at safe GP workload', data: capacitySafe, colour: C.capacitySafe, dashed: true },
      ],
    },
    {
      id: 'capacity-by-role',
      title: 'Capacity by role',
      subtitle: `Appointments per week, stacked · ${where}`,
      kind: 'area',
      labels: weeks,
      xTitle: 'Week starting',
      xTicks: fyTicks,
      yTitle: 'Appointments per week',
      format: 'int',
      series: activeRoles.map(({ r, j }, i) => ({ label: r.name, data: series(meta, view, L.roleCapacity + j), colour: seriesColour(i), stack: 'cap' })),
    },
    {
      id: 'gap-by-pcn',
      title: `Net gap by PCN, ${view.request.fy}`,
      subtitle: `Mean appointments per week, largest gap first · ${scenarioName}`,
      kind: 'hbar',
      labels: ranking.map((p) => p.name),
      xTitle: 'PCN',
      yTitle: 'Net gap (appointments per week)',
      format: 'int',
      series: [{ label: 'Net gap', data: ranking.map((p) => p.netGapPerWeek), colour: C.bar, colours: ranking.map((p) => (p.netGapPerWeek >= 0 ? C.bar : C.barNegative)) }],
      plot: rankingPlot(ranking.length),
    },
    {
      id: 'gp-contacts',
      title: 'GP contacts per GP per day',
      subtitle: `Against the safe caseload of ${safe} a day · ${where}`,
      kind: 'line',
      labels: weeks,
      xTitle: 'Week starting',
      xTicks: fyTicks,
      yTitle: 'Contacts per GP WTE per clinical day',
      format: 'number',
      series: [
        { label: 'GP contacts per day', data: contacts, colour: C.gp },
        { label: 'Safe caseload', data: contacts.map(() => safe), colour: C.safe, dashed: true },
      ],
    },
    {
      id: 'gp-workforce',
      title: 'GP WTE and GPs per 100,000 patients',
      subtitle: `Whole-time equivalent GPs · ${where}`,
      kind: 'line',
      labels: weeks,
      xTitle: 'Week starting',
      xTicks: fyTicks,
      yTitle: 'GP WTE',
      y2Title: 'GP WTE per 100,000',
      format: 'wte',
      format2: 'number',
      series: [
        { label: 'GP WTE', data: gpWte, colour: C.gp },
        { label: 'GP WTE per 100,000 patients', data: per100k, colour: C.safe, axis: 'y2' },
      ],
    },
    {
      id: 'workforce-by-role',
      title: 'Workforce by role',
      subtitle: `WTE, stacked · ${where}`,
      kind: 'area',
      labels: weeks,
      xTitle: 'Week starting',
      xTicks: fyTicks,
      yTitle: 'WTE',
      format: 'wte',
      series: activeRoles.filter(({ r }) => r.group !== 'external').map(({ r, j }, i) => ({ label: r.name, data: series(meta, view, L.roleWte + j), colour: seriesColour(i), stack: 'wte' })),
    },
    {
      id: 'cost-funding',
      title: 'Cost against funding',
      subtitle: `Workforce, interventions and external capacity a year, against the funding available · ${where}`,
      kind: 'bar',
      labels: fys,
      xTitle: 'Financial year',
      yTitle: '£ a year',
      format: 'gbpMillions',
      series: [
        { label: 'Cost', data: view.years.map((y) => y.totalCostGBP), colour: C.demand },
        { label: 'Funding', data: view.years.map((y) => y.fundingGBP), colour: C.capacity },
      ],
    },
    {
      id: 'scenarios',
      title: 'Net gap in every scenario',
      subtitle: `Mean appointments per week by financial year · ${entityName}`,
      kind: 'line',
      labels: fys,
      xTitle: 'Financial year',
      yTitle: 'Net gap (appointments per week)',
      format: 'int',
      series: (view.scenarios ?? []).map((s, i) => ({ label: s.name, data: s.years.map((y) => y.netGapPerWeek), colour: seriesColour(i), dashed: s.id !== view.request.scenario })),
      // the other scenarios are answered just after the one on screen
      pending: view.scenarios ? undefined : 'Bringing the other scenarios up to date…',
    },
  ];
}
