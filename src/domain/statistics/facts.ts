import type { WorkingCalendar } from '../calendar/index.ts';
import type { DossierState } from '../dossier/state.ts';
import { resolvedTimeliness } from '../dossier/timeliness.ts';
import type { Channel, DossierFacts, Finish } from './processing.ts';

/**
 * What the processing report needs of a dossier whose events up to the period's end were folded
 * into `state`. A cancelled dossier (entered by mistake) counts with the withdrawn: it left the
 * unit's work without a result, and counting it nowhere would break total = outcomes + in progress.
 */
export function dossierFacts(state: DossierState, channel: Channel, calendar: WorkingCalendar): DossierFacts {
  let finish: Finish | null = null;
  if (state.resolvedAt) {
    finish = {
      kind: 'resolved',
      at: state.resolvedAt,
      timeliness: resolvedTimeliness(state.resolvedAt, state.dueAt, calendar),
    };
  } else if (state.closedAt && state.status === 'refused') finish = { kind: 'refused', at: state.closedAt };
  else if (state.closedAt && (state.status === 'withdrawn' || state.status === 'cancelled'))
    finish = { kind: 'withdrawn', at: state.closedAt };
  return { receivedAt: state.receivedAt, channel, finish, dueAt: state.dueAt, paused: state.paused };
}
