/**
 * The applications context's door: what other contexts, routes, jobs and the CLI may use.
 * Online applications: a citizen's draft (saved as typed, resumable on any device), its submission
 * (a dossier code is reserved and the citizen told what happens next), and the receiving unit's
 * acceptance — the dossier is then received through the same intake as at the counter, channel
 * `online`, and its clock starts — or refusal with a reason. The lifecycle is the table in
 * `src/domain/applications/lifecycle.ts`.
 */
export type { ApplicationDocument, ApplicationStatus } from './common.ts';
export { divisions } from './divisions.ts';
export { saveApplication, startApplication, withdrawApplication } from './drafts.ts';
export {
  acceptApplication,
  getApplicationForOfficer,
  listPendingApplications,
  refuseApplication,
} from './office.ts';
export { submitApplication } from './submission.ts';
export { submitSupplement } from './supplement.ts';
export {
  type ApplicationListItem,
  type ApplicationView,
  getMyApplication,
  listMyApplications,
} from './views.ts';
