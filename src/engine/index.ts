// The planning engine: pure TypeScript, no DOM. Everything outside the engine goes through here.
export { Projection, type Edit, type Meta, type RecomputeKind } from './session';
export { BASE_SERIES, makeLayout, seriesView, type BaseSeries, type Layout } from './layout';
export { LEVELS, type Entity, type EntityRef, type Level, type PcnYear, type YearRow } from './results';
export { simulateStock } from './compile';
export { HELPER_MIN_PCNS, PartEngine, helperSystems, type Helper, type HelperOptions, type Part } from './parallel';
export { seek, parseTarget, resolveLever, SeekError, TARGET_KEYS, targetWords, type SeekRequest, type SeekResult, type SeekTarget, type SeekProgress, type TargetKey } from './seek';
export { runMonteCarlo, LocalRunner, McCancelled, mcBase, runTasks, DEFAULT_RUNS, DEFAULT_SEED, type McSummary, type McRunner, type McInput, type McPart, type TornadoBar } from './montecarlo';
export { FIGURE_KEYS, isFigureKey, type Explanation, type ExplainTerm, type ExplainInput, type FigureKey } from './explain';
export { bridge, bridgeOrder, BRIDGE_METHOD, type Bridge, type BridgeStep } from './bridge';
