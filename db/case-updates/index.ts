// The writes behind `capnhat` (progress reports) and `hanxuly` (deadlines): platform-neutral,
// one transaction and one audit row each, then the cache told the figures changed (the
// `changes` of their clock). Permission checks are the command core's.
export { addNote, recordVerification, setDeadline } from './records.ts';
export { recordCollection } from './collection.ts';
export { NOTE_MAX_LENGTH } from './checks.ts';
export { getCaseState, type CaseState } from './state.ts';
export { changeStatus, completeCase } from './status.ts';
export {
  allowedMoves,
  collectionRefusal,
  isCaseStatus,
  isReportAction,
  moveRefusal,
  recordReport,
  type Report,
  type ReportAction,
  REPORT_ACTIONS,
  reportRefusals,
} from './report.ts';
export type { Actor, CaseChange, Clock, WriteContext } from './update.ts';
