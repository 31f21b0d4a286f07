/** Process definitions as data, their structure, and the linter run before one is saved. */
export {
  ACTION_TYPES,
  type ActionType,
  actionSchema,
  EFFECTS,
  type Effect,
  type ProcessAction,
  type ProcessDefinition,
  type ProcessStep,
  processDefinitionSchema,
  stepSchema,
  stepUnitSchema,
} from './definition.ts';
export {
  ANYWHERE_ACTION_TYPES,
  actionCovers,
  actionsAt,
  CLOSING_ACTION_TYPES,
  EFFECT_ACTION_TYPES,
  findStep,
  forwardClosure,
  isAnywhereType,
  isClosingType,
  matchAction,
  REQUIRED_EFFECTS,
  stepBudgetMinutes,
  targetOf,
} from './graph.ts';
export { type LintContext, type LintIssue, type LintResult, lintProcess } from './lint.ts';
