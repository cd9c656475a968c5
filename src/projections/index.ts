/**
 * src/projections: read models fed by the log in order (DESIGN §8) — the
 * trace graph, lot and operator views, the regional directory and holdings —
 * with the runner that keeps them current and their snapshots.
 */
export { ColumnStates } from './lots/columnStates.js';
export { LotHeads } from './lots/lotHeads.js';
export { startProjections, type RunningProjections, type StartProjectionsOptions } from './start.js';
export {
  InvalidQueryError,
  ReadModel,
  type HoldingsOptions,
  type LineageOptions,
  type ReadModelOptions,
} from './readModel.js';
export type { LotAccessFacts } from './accessFacts.js';
export type {
  Audience,
  CertificationView,
  HoldingLot,
  HoldingsView,
  LineageEdge,
  LineageNode,
  LineageView,
  LotLink,
  LotView,
  OperatorPage,
  OperatorRef,
  OperatorView,
  StepLot,
} from './views.js';
export {
  CertificationViewSchema,
  HoldingLotSchema,
  HoldingsSchema,
  KIND_NAMES,
  LineageEdgeSchema,
  LineageNodeSchema,
  LineageViewSchema,
  LotLinkSchema,
  LotViewSchema,
  OperatorPageSchema,
  OperatorRefSchema,
  OperatorViewSchema,
  StepLotSchema,
} from './views.js';
export {
  ProjectionRunner,
  type CommitSource,
  type ProjectionStatus,
  type RunnerOptions,
  type SnapshotPolicy,
} from './runner/runner.js';
export { ProjectionGapError, type Projection, type SnapshotImage } from './projection.js';
export { LOT_SNAPSHOT_VERSION, LotProjection, type LotProjectionOptions } from './lots/lotProjection.js';
export { OperatorProjection, type DirectoryPage, type DirectoryQuery } from './operators/operatorProjection.js';
export { RegulationProjection } from './regulation/regulationProjection.js';
export { RegulationQueries } from './regulation/queries.js';
export {
  ACTIVITY_COUNTS,
  ActivityReportSchema,
  ActivityRowSchema,
  AlertViewSchema,
  CaseViewSchema,
  CoverageReportSchema,
  CoverageRowSchema,
  InspectionViewSchema,
  RISK_RULES,
  RiskFindingSchema,
  SampleViewSchema,
  TaskViewSchema,
  TraceStatusSchema,
} from './regulation/views.js';
export type {
  ActivityCount,
  ActivityReport,
  ActivityRow,
  AlertView,
  CaseView,
  CoverageReport,
  CoverageRow,
  InspectionView,
  RiskFinding,
  RiskRule,
  SampleView,
  TaskView,
  TraceStatus,
} from './regulation/views.js';
export { LineageWalker, type Direction, type LineageLimits, type Walk } from './lots/lineage.js';
export { TraceGraph, EDGE_VIA, type EdgeVia } from './lots/traceGraph.js';
export { CodeIndex } from './store/codeIndex.js';
export { TextCache, type TextCacheLimits } from './textCache.js';
export { decodeSnapshot, encodeSnapshot } from './snapshots/codec.js';
export { readSnapshot, snapshotPath, writeSnapshot } from './snapshots/files.js';
export {
  ShowcaseEntrySchema,
  ShowcasePageSchema,
  ShowcaseQueries,
  type ShowcaseEntry,
  type ShowcasePage,
  type ShowcaseQuery,
} from './regulation/showcase.js';
