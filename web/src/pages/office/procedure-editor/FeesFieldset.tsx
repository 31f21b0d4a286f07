// The fees fieldset of the procedure editor: one row per fee, and the fee note.
import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  NumberInput,
  Paper,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { Dispatch, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { type FeeRow, type FormState, errorAt } from './formState';

export function FeesFieldset({
  form,
  setForm,
  errors,
}: {
  form: FormState;
  setForm: Dispatch<SetStateAction<FormState>>;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const err = (path: string) => errorAt(errors, path);
  const setFee = (index: number, patch: Partial<FeeRow>) =>
    setForm((f) => ({ ...f, fees: f.fees.map((row, i) => (i === index ? { ...row, ...patch } : row)) }));

  return (
    <Fieldset legend={t('procedure.fees')}>
      <Stack gap="sm">
        {form.fees.length === 0 && <Text c="dimmed">{t('editor.noFees')}</Text>}
        {form.fees.map((fee, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
          <Paper key={index} withBorder p="sm" component="fieldset" className="row-fieldset">
            <legend className="visually-hidden">{t('editor.feeRow', { n: index + 1 })}</legend>
            <Group align="flex-start" wrap="wrap" gap="sm">
              <NumberInput
                label={t('editor.amount')}
                min={0}
                step={1000}
                allowDecimal={false}
                thousandSeparator="."
                decimalSeparator=","
                suffix=" đ"
                value={fee.amount}
                onChange={(v) => setFee(index, { amount: typeof v === 'number' ? v : '' })}
                error={err(`fees.${index}.amount`)}
                style={{ flex: '0 1 180px' }}
              />
              <Textarea
                autosize
                minRows={1}
                label={t('editor.condition')}
                value={fee.condition}
                onChange={(e) => setFee(index, { condition: e.currentTarget.value })}
                error={err(`fees.${index}.condition`) ?? (errors[`fees.${index}`] || undefined)}
                style={{ flex: '1 1 240px' }}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                mt={26}
                aria-label={t('editor.removeFee', { n: index + 1 })}
                onClick={() => setForm((f) => ({ ...f, fees: f.fees.filter((_, i) => i !== index) }))}
              >
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Group>
          </Paper>
        ))}
        <div>
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setForm((f) => ({ ...f, fees: [...f.fees, { amount: '', condition: '' }] }))}
          >
            {t('editor.addFee')}
          </Button>
        </div>
        <Textarea
          label={t('editor.feeNote')}
          autosize
          minRows={1}
          value={form.feeNote}
          onChange={(e) => setForm((f) => ({ ...f, feeNote: e.currentTarget.value }))}
          error={err('feeNote') ?? (errors.fees || undefined)}
        />
      </Stack>
    </Fieldset>
  );
}
