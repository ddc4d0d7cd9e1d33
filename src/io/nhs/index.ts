// Published NHS data files into a workbook: read (kind from the header row), plan (the preview),
// then the caller applies the plan's edits as one undoable step.
export { readNhsFile, decodeText, detectKind, acceptedKinds, KIND_NAMES, KIND_GIVES, MAX_IMPORT_BYTES, type NhsFile, type NhsKind, type ReadResult } from './read';
export { planImport, describePlan, defaultRole, type ImportPlan, type FileSummary, type RoleMapEntry, type RoleMapping, type ValueChange, type Total } from './reconcile';
