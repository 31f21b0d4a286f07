import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Fieldset,
  Group,
  List,
  MultiSelect,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { amendProcedure, createProcedure } from '../../api/admin';
import { ApiError, errorMessage } from '../../api/client';
import { useFields, useProcedure, useUnits } from '../../api/public';
import {
  type OnlineLevel,
  type ProcedureDetail,
  type ProcessingTimeKind,
  UNIT_LEVELS,
} from '../../api/public';
import { Loading, QueryError } from '../../components/common';
import { usePageTitle } from '../../lib/usePageTitle';
import { unitOptions } from '../../lib/catalog';
import { notify } from '../../lib/notify';
import { DocumentsFieldset } from './procedure-editor/DocumentsFieldset';
import { FeesFieldset } from './procedure-editor/FeesFieldset';
import {
  emptyForm,
  errorAt,
  type FormState,
  fromDetail,
  ONLINE_LEVELS,
  PT_KINDS,
  SHOWN_PATHS,
  toInput,
} from './procedure-editor/formState';

function ProcedureForm({ initial, existing }: { initial: FormState; existing?: ProcedureDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const fields = useFields();
  const units = useUnits();
  const [form, setForm] = useState<FormState>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const isEdit = Boolean(existing);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const save = useMutation({
    mutationFn: async (state: FormState) => {
      const input = toInput(state, existing);
      if (existing) {
        return amendProcedure(existing.code, {
          ...input,
          effectiveFrom: state.effectiveFrom,
          changeNote: state.changeNote.trim(),
        });
      }
      return createProcedure(input);
    },
    onSuccess: async (saved) => {
      notify({
        color: 'green',
        message: isEdit
          ? t('editor.savedAmendment', { code: saved?.code ?? form.code })
          : t('editor.savedNew', { code: saved?.code ?? form.code }),
      });
      await queryClient.invalidateQueries({ queryKey: ['admin', 'procedures'] });
      await queryClient.invalidateQueries({ queryKey: ['public'] });
      navigate('/office/admin/procedures');
    },
    onError: (error) => {
      if (error instanceof ApiError) {
        const fieldErrors = error.fieldErrors();
        if (error.code === 'procedure_exists' && !fieldErrors.code) {
          fieldErrors.code = error.problem.detail ?? t('editor.codeTaken');
        }
        setErrors(fieldErrors);
        // The field messages are shown beside the fields; the summary stays short.
        setSummary(
          error.code === 'validation_failed' && Object.keys(fieldErrors).length > 0
            ? t('editor.fixErrors')
            : (error.problem.detail ?? error.message),
        );
      } else {
        setErrors({});
        setSummary(errorMessage(error));
      }
      if (!(error instanceof ApiError && error.code === 'validation_failed')) {
        notify({ color: 'red', title: t('editor.saveFailed'), message: errorMessage(error) });
      }
      window.requestAnimationFrame(() => document.getElementById('form-errors')?.focus());
    },
  });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!form.code.trim()) local.code = t('editor.required');
    if (!form.name.trim()) local.name = t('editor.required');
    if (!form.fieldCode) local.fieldCode = t('editor.required');
    if (form.levels.length === 0) local.levels = t('editor.required');
    if (form.ptKind !== 'sameDay' && (form.ptValue === '' || form.ptValue <= 0)) {
      local['processingTime.value'] = t('editor.positive');
    }
    if (isEdit && !form.effectiveFrom) local.effectiveFrom = t('editor.required');
    if (isEdit && !form.changeNote.trim()) local.changeNote = t('editor.required');
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setSummary(t('editor.fixErrors'));
      window.requestAnimationFrame(() => document.getElementById('form-errors')?.focus());
      return;
    }
    setErrors({});
    setSummary(null);
    save.mutate(form);
  };

  const err = (path: string) => errorAt(errors, path);
  const otherErrors = Object.entries(errors).filter(
    ([path]) => !SHOWN_PATHS.some((p) => path === p || path.startsWith(`${p}.`)),
  );

  const fieldData = [
    { value: '', label: t('editor.chooseField') },
    ...(fields.data ?? []).map((f) => ({ value: f.code, label: f.name })),
  ];

  return (
    <form onSubmit={submit} noValidate data-testid="procedure-form">
      <Stack gap="lg">
        {summary && (
          <Alert
            id="form-errors"
            tabIndex={-1}
            color="red"
            icon={<IconAlertTriangle aria-hidden />}
            title={t('editor.saveFailed')}
            role="alert"
          >
            <Text size="sm">{summary}</Text>
            {otherErrors.length > 0 && (
              <List size="sm" mt="xs">
                {otherErrors.map(([path, message]) => (
                  <List.Item key={path}>
                    <code>{path}</code>: {message}
                  </List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}

        <Fieldset legend={t('editor.general')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t('procedure.code')}
                description={t('editor.codeHelp')}
                required
                disabled={isEdit}
                value={form.code}
                onChange={(e) => set('code', e.currentTarget.value)}
                error={err('code')}
                spellCheck={false}
              />
              <NativeSelect
                label={t('procedure.field')}
                required
                data={fieldData}
                value={form.fieldCode}
                onChange={(e) => set('fieldCode', e.currentTarget.value)}
                error={err('fieldCode')}
              />
              <NativeSelect
                label={t('procedure.onlineLevel')}
                data={ONLINE_LEVELS.map((l) => ({ value: l, label: t(`onlineLevel.${l}`) }))}
                value={form.onlineLevel}
                onChange={(e) => set('onlineLevel', e.currentTarget.value as OnlineLevel)}
                error={err('onlineLevel')}
              />
            </SimpleGrid>
            <Textarea
              label={t('procedure.name')}
              required
              autosize
              minRows={1}
              value={form.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={err('name')}
            />
            <Checkbox.Group
              label={t('procedure.levels')}
              required
              value={form.levels}
              onChange={(value) => set('levels', value)}
              error={err('levels')}
            >
              <Group mt={6}>
                {UNIT_LEVELS.map((l) => (
                  <Checkbox key={l} value={l} label={t(`level.${l}`)} />
                ))}
              </Group>
            </Checkbox.Group>
            <MultiSelect
              label={t('procedure.units')}
              data={unitOptions(units.data ?? []).map((o) => ({
                ...o,
                label: o.label.replace(/^[\s\u00a0–]+/, ''),
              }))}
              value={form.unitCodes}
              onChange={(value) => set('unitCodes', value)}
              searchable
              clearable
              error={err('unitCodes')}
              nothingFoundMessage={t('common.nothingFound')}
            />
            <Textarea
              autosize
              minRows={1}
              label={t('procedure.implementingAgency')}
              value={form.implementingAgency}
              onChange={(e) => set('implementingAgency', e.currentTarget.value)}
              error={err('implementingAgency')}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('procedure.processingTime')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('editor.timeKind')}
              data={PT_KINDS.map((k) => ({ value: k, label: t(`editor.timeKinds.${k}`) }))}
              value={form.ptKind}
              onChange={(e) => set('ptKind', e.currentTarget.value as ProcessingTimeKind)}
              error={err('processingTime.kind')}
            />
            {form.ptKind !== 'sameDay' && (
              <NumberInput
                label={form.ptKind === 'workingHours' ? t('editor.hours') : t('editor.days')}
                min={1}
                allowDecimal={false}
                value={form.ptValue}
                onChange={(v) => set('ptValue', typeof v === 'number' ? v : '')}
                error={err('processingTime.value') ?? errors.processingTime}
              />
            )}
          </SimpleGrid>
          <Textarea
            mt="sm"
            autosize
            minRows={1}
            label={t('editor.timeText')}
            description={t('editor.timeTextHelp')}
            value={form.processingTimeText}
            onChange={(e) => set('processingTimeText', e.currentTarget.value)}
            error={err('processingTimeText')}
          />
        </Fieldset>

        <FeesFieldset form={form} setForm={setForm} errors={errors} />

        <DocumentsFieldset form={form} setForm={setForm} errors={errors} />

        <Fieldset legend={t('editor.details')}>
          <Stack gap="sm">
            <Textarea
              label={t('procedure.conditions')}
              autosize
              minRows={2}
              value={form.conditions}
              onChange={(e) => set('conditions', e.currentTarget.value)}
              error={err('conditions')}
            />
            <Group gap="xl">
              <Switch
                label={t('procedure.postalSubmission')}
                checked={form.postalSubmission}
                onChange={(e) => set('postalSubmission', e.currentTarget.checked)}
                error={err('postalSubmission')}
              />
              <Switch
                label={t('procedure.postalReturn')}
                checked={form.postalReturn}
                onChange={(e) => set('postalReturn', e.currentTarget.checked)}
                error={err('postalReturn')}
              />
            </Group>
            <TextInput
              label={t('procedure.result')}
              value={form.resultType}
              onChange={(e) => set('resultType', e.currentTarget.value)}
              error={err('resultType')}
            />
            <Textarea
              label={t('procedure.legalBasis')}
              description={t('editor.onePerLine')}
              autosize
              minRows={3}
              value={form.legalBasis}
              onChange={(e) => set('legalBasis', e.currentTarget.value)}
              error={err('legalBasis')}
            />
            <Textarea
              label={t('procedure.steps')}
              description={t('editor.onePerLine')}
              autosize
              minRows={3}
              value={form.steps}
              onChange={(e) => set('steps', e.currentTarget.value)}
              error={err('steps')}
            />
          </Stack>
        </Fieldset>

        {isEdit && (
          <Fieldset legend={t('editor.amendment')}>
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t('editor.amendmentHelp', { number: (existing?.version.number ?? 0) + 1 })}
              </Text>
              <TextInput
                type="date"
                label={t('editor.effectiveFrom')}
                required
                value={form.effectiveFrom}
                onChange={(e) => set('effectiveFrom', e.currentTarget.value)}
                error={err('effectiveFrom')}
                maw={220}
              />
              <Textarea
                label={t('editor.changeNote')}
                required
                autosize
                minRows={2}
                value={form.changeNote}
                onChange={(e) => set('changeNote', e.currentTarget.value)}
                error={err('changeNote')}
              />
            </Stack>
          </Fieldset>
        )}

        <Group justify="flex-end">
          <Button variant="default" component={Link} to="/office/admin/procedures">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {isEdit ? t('editor.saveAmendment') : t('editor.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export default function ProcedureEditorPage() {
  const { t } = useTranslation();
  const { code } = useParams();
  const existing = useProcedure(code);
  const title = code ? t('editor.editTitle', { code }) : t('editor.createTitle');
  usePageTitle(title);

  return (
    <Stack gap="md" maw={1000}>
      <div>
        <Anchor component={Link} to="/office/admin/procedures" size="sm">
          <Group gap={4} component="span">
            <IconArrowLeft size={14} aria-hidden />
            {t('adminProcedures.title')}
          </Group>
        </Anchor>
      </div>
      <Title order={1}>{title}</Title>
      {code && existing.data && <Text fw={500}>{existing.data.name}</Text>}
      {!code && <ProcedureForm initial={emptyForm()} />}
      {code && existing.isPending && <Loading />}
      {code && existing.isError && <QueryError error={existing.error} onRetry={() => existing.refetch()} />}
      {code && existing.data && (
        <ProcedureForm
          key={`${code}-${existing.data.version.number}`}
          initial={fromDetail(existing.data)}
          existing={existing.data}
        />
      )}
    </Stack>
  );
}
