import { Grid, TextInput } from '@mantine/core';
import type { ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';

/** The applicant as an office form holds it while it is typed (all text; blanks are left out on sending). */
export interface ApplicantDraft {
  fullName: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
  organization: string;
}

export type ApplicantKey = keyof ApplicantDraft;

/**
 * The applicant's fields as the counter types them (reception, the guidance and refusal slips):
 * name, ID number (digits only), phone, e-mail, address, organisation, two to a row on wide screens.
 * Browser autofill is off: staff type other people's details. Errors are read from `errors` under
 * `applicant.<field>`, as the server names them.
 *
 * `full`: the reception form, where the ID number and the phone are required and explained.
 */
export function ApplicantFields({
  value,
  onChange,
  errors,
  full = false,
  testIds = {},
  phoneRef,
  afterIdNumber,
}: {
  value: ApplicantDraft;
  onChange: (key: ApplicantKey, value: string) => void;
  errors: Record<string, string | undefined>;
  full?: boolean;
  testIds?: Partial<Record<ApplicantKey, string>>;
  phoneRef?: Ref<HTMLInputElement>;
  /** Shown under the ID number (reception: the saved applicant found for it). */
  afterIdNumber?: ReactNode;
}) {
  const { t } = useTranslation();
  const common = (key: ApplicantKey) => ({
    autoComplete: 'off',
    value: value[key],
    onChange: (e: { currentTarget: { value: string } }) => onChange(key, e.currentTarget.value),
    error: errors[`applicant.${key}`],
    'data-testid': testIds[key],
  });
  const half = { base: 12, sm: 6 };
  return (
    <Grid gap="sm">
      <Grid.Col span={half}>
        <TextInput label={t('applicant.fullName')} required {...common('fullName')} />
      </Grid.Col>
      <Grid.Col span={half}>
        <TextInput
          label={t('applicant.idNumber')}
          description={full ? t('applicant.idNumberHelp') : undefined}
          required={full}
          inputMode="numeric"
          maxLength={12}
          {...common('idNumber')}
          onChange={(e) => onChange('idNumber', e.currentTarget.value.replace(/\D/g, ''))}
        />
        {afterIdNumber}
      </Grid.Col>
      <Grid.Col span={half}>
        <TextInput
          label={t('applicant.phone')}
          required={full}
          ref={phoneRef}
          type="tel"
          inputMode="tel"
          {...common('phone')}
        />
      </Grid.Col>
      <Grid.Col span={half}>
        <TextInput label={t('applicant.email')} type="email" {...common('email')} />
      </Grid.Col>
      <Grid.Col span={12}>
        <TextInput label={t('applicant.address')} {...common('address')} />
      </Grid.Col>
      <Grid.Col span={12}>
        <TextInput
          label={t('applicant.organization')}
          description={full ? t('applicant.organizationHelp') : undefined}
          {...common('organization')}
        />
      </Grid.Col>
    </Grid>
  );
}
