// The audience window's figures, built from the very view the facilitator's results show (the
// same engine answer, the same chart specs), so the two windows cannot disagree.
import type { Meta } from '../../engine';
import type { View } from '../../engine-client';
import type { AudienceFrame } from '../../state/present.svelte';
import { buildSpecs, weekLabels } from '../results/specs';

/** The charts a room needs: demand against capacity, and how hard each GP works. */
export const AUDIENCE_CHARTS = ['gap', 'gp-contacts'];

export function buildFrame(workbook: string, meta: Meta, view: View, fy: string): AudienceFrame | null {
  const year = view.years.find((y) => y.fy === fy) ?? view.years[0];
  if (!year || view.series.length !== meta.layout.size) return null;
  const { scenario, ref } = view.request;
  const scenarioName = meta.scenarios.find((s) => s.id === scenario)?.name ?? scenario;
  const where = meta.entities.find((e) => e.level === ref.level && e.code === ref.code)?.name ?? '';
  const charts = buildSpecs(meta, view, weekLabels(meta), where, scenarioName).filter((c) => AUDIENCE_CHARTS.includes(c.id));
  const gp = meta.roles.find((r) => r.group === 'gp');
  return {
    workbook,
    scenario,
    scenarioName,
    where,
    fy: year.fy,
    netGapPerWeek: year.netGapPerWeek,
    gpContactsPerGpDay: year.gpContactsPerGpDay,
    safeContacts: gp?.safeContactsPerDay ?? gp?.contactsPerDay ?? 25,
    charts,
    sentAt: 0,
  };
}
