/** Dossier lifecycle: state derived from the ordered events, timeliness, decisions, codes. */
export { eventHash, eventOf, type StoredEvent } from './chain.ts';
export { type DossierCodeParts, formatDossierCode, parseDossierCode } from './code.ts';
export {
  ACTION_PAYLOAD_SCHEMAS,
  type ActionPayload,
  allowedActions,
  type DossierCommand,
  decide,
  type NewEvent,
  RETURN_METHODS,
} from './decide.ts';
export { type DossierClock, type DossierState, deriveDossierState, type StepRecord } from './state.ts';
export {
  ACTIONS_BY_STATUS,
  CLOSED_STATUSES,
  CLOSING_STATUS,
  isClosedStatus,
  typeAllowedIn,
} from './status-actions.ts';
export {
  type DossierTimeliness,
  dossierTimeliness,
  progressTimeliness,
  resolvedTimeliness,
  workingDayMinutes,
} from './timeliness.ts';
export {
  DOSSIER_STATUSES,
  type DossierEvent,
  type DossierStatus,
  type EventType,
  type ProgressTimeliness,
  type Timeliness,
} from './types.ts';
