/**
 * Fees owed for a dossier or an online application: the rows of the procedure version's fee table
 * the applicant's case falls under (chosen by index), plus the postal charge when the result is
 * sent by post. Pure; amounts are whole đồng.
 */
import { AppError, type FieldError } from '../errors.ts';

/** One row of a procedure version's fee table (`content.fees`). */
export interface FeeRow {
  /** đồng; null when the table gives no figure (counted as 0). */
  amount: number | null;
  condition: string;
}

/** A type (not an interface) so it fits zod's loose object schemas in route responses. */
export type FeeItem = {
  label: string;
  amount: number;
};

export interface FeeComputation {
  items: FeeItem[];
  total: number;
}

export type ResultDelivery = 'counter' | 'postal' | 'online';

export interface FeeInput {
  fees: readonly FeeRow[];
  feeIndexes: readonly number[];
  resultDelivery?: ResultDelivery | null;
  /** Postal charge (config.postalFee), added when the result goes by post. */
  postalFee: number;
  /** Quantity each chosen fee row is charged for (default 1). */
  sets?: number;
  /** Prefix of the field path named in errors (e.g. "items.0."). */
  pathPrefix?: string;
}

export const POSTAL_FEE_LABEL = 'Cước trả kết quả qua bưu chính';

/**
 * The fee rows chosen by `feeIndexes` (duplicates allowed: a row charged twice). An index outside
 * the table is a 400 naming the field, e.g. `feeIndexes.1`. Shared with reception, which stores
 * these rows as the dossier's `fees`.
 */
export function selectFees<T extends FeeRow>(
  fees: readonly T[],
  feeIndexes: readonly number[],
  pathPrefix = '',
): T[] {
  const errors: FieldError[] = [];
  const chosen: T[] = [];
  feeIndexes.forEach((index, i) => {
    const fee = Number.isInteger(index) ? fees[index] : undefined;
    if (!fee)
      errors.push({
        path: `${pathPrefix}feeIndexes.${i}`,
        message: `Không có mức phí số ${index} của thủ tục`,
      });
    else chosen.push(fee);
  });
  if (errors.length)
    throw new AppError(
      400,
      'validation_failed',
      'Mức phí đã chọn không có trong biểu phí của thủ tục',
      errors,
    );
  return chosen;
}

/** Label of a fee line: the table's condition text, else a generic name. */
export function feeLabel(fee: FeeRow): string {
  const text = fee.condition.trim();
  return text.length > 0 ? text : 'Phí, lệ phí giải quyết thủ tục hành chính';
}

/** Sum of the amounts of stored fee rows (a dossier's `fees`). */
export function feesTotal(fees: readonly { amount: number | null }[]): number {
  return fees.reduce((sum, f) => sum + (f.amount ?? 0), 0);
}

/** The lines and the total owed. */
export function computeFees(input: FeeInput): FeeComputation {
  const sets = input.sets ?? 1;
  if (!Number.isInteger(sets) || sets < 1)
    throw new AppError(400, 'validation_failed', 'Số bộ hồ sơ không hợp lệ', [
      { path: `${input.pathPrefix ?? ''}sets`, message: 'Số bộ hồ sơ phải là số nguyên dương' },
    ]);
  const items: FeeItem[] = selectFees(input.fees, input.feeIndexes, input.pathPrefix).map((fee) => ({
    label: sets > 1 ? `${feeLabel(fee)} (× ${sets})` : feeLabel(fee),
    amount: (fee.amount ?? 0) * sets,
  }));
  if (input.resultDelivery === 'postal' && input.postalFee > 0)
    items.push({ label: POSTAL_FEE_LABEL, amount: input.postalFee });
  return { items, total: items.reduce((sum, item) => sum + item.amount, 0) };
}
