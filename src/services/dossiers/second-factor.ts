/**
 * The applicant's second factor on public pages (tracking, rating): the phone or ID number on the
 * dossier. A wrong one and an unknown code get the same answer, so neither can be probed.
 */
import { AppError } from '../../domain/errors.ts';
import { normalisePhone } from '../identity/index.ts';

import type { TrackQuery } from '../../contracts/dossiers.ts';

export type { TrackQuery };

/** One answer for an unknown code and a wrong second factor, so neither can be probed. */
export const notFound = () =>
  new AppError(404, 'not_found', 'Không tìm thấy hồ sơ với mã và thông tin đã nhập');

/** True when the phone or ID number given is the applicant's. */
export function matchSecondFactor(applicantRaw: unknown, query: TrackQuery): boolean {
  const applicant = applicantRaw as { phone?: string; idNumber?: string };
  const givenPhone = query.phone ? normalisePhone(query.phone.replace(/[\s.-]/g, '')) : null;
  const givenId = query.idNumber?.trim() || null;
  return (
    (givenPhone !== null &&
      applicant.phone !== undefined &&
      normalisePhone(applicant.phone) === givenPhone) ||
    (givenId !== null && applicant.idNumber === givenId)
  );
}
