// The reception form's applicant section, with the offer to reuse the details of an earlier dossier.
import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconUserCheck } from '@tabler/icons-react';
import { type Ref, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSavedApplicant } from '../../../api/dossiers';
import { type ApplicantKey, ApplicantFields } from '../../../components/ApplicantFields';
import { type ApplicantState, fillableFrom } from './draft';

/**
 * "Dùng thông tin đã có" once a complete ID number matches an earlier dossier of the unit: fills the empty
 * applicant fields only. It appears in a polite live region and never takes the focus by itself.
 */
function SavedApplicantSuggestion({
  applicant,
  onApply,
}: {
  applicant: ApplicantState;
  onApply: (patch: Partial<ApplicantState>) => void;
}) {
  const { t } = useTranslation();
  const idNumber = applicant.idNumber.trim();
  const [debouncedId] = useDebouncedValue(idNumber, 300);
  const saved = useSavedApplicant(debouncedId === idNumber ? debouncedId : '');
  const found = saved.data && saved.data.idNumber === idNumber ? saved.data : null;
  const patch = fillableFrom(found, applicant);
  const offer = found && Object.keys(patch).length > 0;
  const [appliedFor, setAppliedFor] = useState<string | null>(null);
  return (
    <div aria-live="polite" data-testid="saved-applicant-region">
      {!offer && found && appliedFor === idNumber && (
        <Text size="xs" c="dimmed" mt={6} data-testid="saved-applicant-used">
          {t('reception.savedApplicantUsed')}
        </Text>
      )}
      {offer && (
        <Stack gap={2} mt={6}>
          <Button
            type="button"
            variant="light"
            size="compact-sm"
            className="wrap-button"
            leftSection={<IconUserCheck size={16} aria-hidden />}
            aria-describedby="saved-applicant-help"
            onClick={() => {
              setAppliedFor(idNumber);
              onApply(patch);
            }}
            data-testid="use-saved-applicant"
          >
            {t('reception.savedApplicant', { name: found.fullName, phone: found.phone })}
          </Button>
          <Text size="xs" c="dimmed" id="saved-applicant-help">
            {t('reception.savedApplicantHelp')}
          </Text>
        </Stack>
      )}
    </div>
  );
}

export function ApplicantSection({
  applicant,
  onChange,
  onApplySaved,
  errors,
  phoneRef,
}: {
  applicant: ApplicantState;
  onChange: (key: ApplicantKey, value: string) => void;
  onApplySaved: (patch: Partial<ApplicantState>) => void;
  errors: Record<string, string>;
  phoneRef: Ref<HTMLInputElement>;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="applicant-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="applicant-title">
          {t('reception.applicant')}
        </Title>
        <ApplicantFields
          full
          value={applicant}
          onChange={onChange}
          errors={errors}
          phoneRef={phoneRef}
          testIds={{
            fullName: 'applicant-name',
            idNumber: 'applicant-id',
            phone: 'applicant-phone',
            email: 'applicant-email',
            address: 'applicant-address',
          }}
          afterIdNumber={<SavedApplicantSuggestion applicant={applicant} onApply={onApplySaved} />}
        />
      </Stack>
    </Paper>
  );
}
