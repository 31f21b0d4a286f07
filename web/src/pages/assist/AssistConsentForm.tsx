import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type AssistInput, startApplication } from '../../api/applications';
import { ApiError, errorMessage } from '../../api/client';
import { communityApi } from '../../api/community';
import { FailureAlert } from '../../components/common';

const EMPTY = {
  fullName: '',
  idNumber: '',
  phone: '',
  method: 'signed_form' as AssistInput['method'],
  note: '',
};

/**
 * What a community digital team member records before filling an application for a citizen: who
 * the citizen is and how they agreed. Starting the draft records the consent (audited); the
 * applicant group is prefilled from it.
 */
export function AssistConsentForm({
  procedureCode,
  onCancel,
}: {
  procedureCode: string | null;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form, setForm] = useState(EMPTY);
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  // A member of several teams says for which one this submission counts.
  const teams = useQuery({
    queryKey: ['digital-teams', 'mine'],
    queryFn: () => communityApi.myTeams(),
  });
  const [teamChoice, setTeamChoice] = useState('');
  const teamId = teams.data?.items.some((x) => x.id === teamChoice) ? teamChoice : teams.data?.items[0]?.id;
  const set = (k: keyof typeof EMPTY) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const err = (k: string) => fieldErrors[`assisted.${k}`];

  const start = async () => {
    if (!procedureCode) {
      setFieldErrors({ procedureCode: t('assist.procedureHelp') });
      return;
    }
    setBusy(true);
    setFailure(null);
    setFieldErrors({});
    try {
      const draft = await startApplication(procedureCode, {
        fullName: form.fullName,
        idNumber: form.idNumber,
        phone: form.phone,
        method: form.method,
        ...(form.note.trim() ? { note: form.note } : {}),
        ...(teamId ? { teamId } : {}),
        consent: agreed as true,
      });
      navigate(`/applications/${draft.id}`);
    } catch (e) {
      setFailure(errorMessage(e));
      if (e instanceof ApiError) setFieldErrors(e.fieldErrors());
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
      noValidate
    >
      <Stack gap="sm">
        {(teams.data?.items.length ?? 0) > 1 && (
          <NativeSelect
            label={t('assist.team')}
            data={teams.data!.items.map((x) => ({ value: x.id, label: `${x.name} (${x.village})` }))}
            value={teamId ?? ''}
            onChange={(e) => setTeamChoice(e.currentTarget.value)}
            error={err('teamId')}
            data-testid="assist-team"
          />
        )}
        <TextInput
          label={t('assist.fullName')}
          value={form.fullName}
          onChange={(e) => set('fullName')(e.currentTarget.value)}
          error={err('fullName')}
          required
          autoComplete="off"
          data-testid="assist-fullName"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('assist.idNumber')}
            value={form.idNumber}
            onChange={(e) => set('idNumber')(e.currentTarget.value)}
            error={err('idNumber')}
            required
            inputMode="numeric"
            autoComplete="off"
            data-testid="assist-idNumber"
          />
          <TextInput
            label={t('assist.phone')}
            description={t('assist.phoneHelp')}
            value={form.phone}
            onChange={(e) => set('phone')(e.currentTarget.value)}
            error={err('phone')}
            required
            inputMode="tel"
            autoComplete="off"
            data-testid="assist-phone"
          />
        </SimpleGrid>
        <Radio.Group
          label={t('assist.method')}
          value={form.method}
          onChange={(v) => set('method')(v)}
          error={err('method')}
          required
        >
          <Stack gap={6} mt={4}>
            <Radio value="signed_form" label={t('assist.methods.signed_form')} />
            <Radio value="in_person" label={t('assist.methods.in_person')} />
          </Stack>
        </Radio.Group>
        <Textarea
          label={t('assist.note')}
          value={form.note}
          onChange={(e) => set('note')(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Checkbox
          label={t('assist.consent')}
          checked={agreed}
          onChange={(e) => setAgreed(e.currentTarget.checked)}
          error={err('consent')}
          data-testid="assist-consent"
        />
        <FailureAlert message={failure} />
        <Group>
          <Button type="submit" loading={busy} disabled={!agreed} data-testid="assist-start">
            {t('assist.start')}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('assist.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
