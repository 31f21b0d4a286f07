import {
  ActionIcon,
  Alert,
  Button,
  Grid,
  Group,
  Modal,
  NativeSelect,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconCheck, IconPlus, IconPrinter, IconTrash } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../api/client';
import {
  issueSlip,
  SLIP_ITEM_FORMS,
  type Slip,
  type SlipBody,
  type SlipItemForm,
  type SlipKind,
  slipPdfUrl,
} from '../../api/dossiers';
import { publicKeys, searchProcedures } from '../../api/public';
import { compactPhone, EMAIL_RE, ID_NUMBER_RE, PHONE_RE } from '../../../../src/domain/contact';
import { type ApplicantDraft, ApplicantFields } from '../../components/ApplicantFields';

export type SlipApplicant = ApplicantDraft;

export interface SlipItemDraft {
  document: string;
  form: SlipItemForm;
  note: string;
}

export interface SlipDraft {
  /** Distinct for every opening: a fresh form each time. */
  id: number;
  kind: SlipKind;
  unitCode: string;
  unitName: string;
  procedure: { code: string; label: string } | null;
  applicant: SlipApplicant;
  items: SlipItemDraft[];
}

const EMPTY_ITEM: SlipItemDraft = { document: '', form: 'original', note: '' };

/**
 * A slip issued at the counter without receiving the dossier: guidance to complete it (Mẫu 02, every
 * missing document at once) or refusal (Mẫu 03, e.g. outside the unit's competence). Saved, then printed.
 */
export function SlipModal({ draft, onClose }: { draft: SlipDraft | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={draft !== null}
      onClose={onClose}
      title={draft ? t(`slip.title.${draft.kind}`) : ''}
      size="xl"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {draft && <SlipForm key={draft.id} draft={draft} onClose={onClose} />}
    </Modal>
  );
}

function ProcedureChooser({
  value,
  onChange,
  error,
}: {
  value: { code: string; label: string } | null;
  onChange: (next: { code: string; label: string } | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(value?.label ?? '');
  const [debounced] = useDebouncedValue(search, 200);
  const q = debounced === value?.label ? '' : debounced.trim();
  // The whole catalogue: a refused procedure is often one the unit does not handle.
  const catalog = useQuery({
    queryKey: publicKeys.procedures({ q, pageSize: 8 }),
    queryFn: ({ signal }) => searchProcedures({ q: q || undefined, pageSize: 8 }, signal),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
  const options = useMemo(() => {
    const list = (catalog.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.code} · ${p.name}` }));
    if (value && !list.some((o) => o.value === value.code))
      list.unshift({ value: value.code, label: value.label });
    return list;
  }, [catalog.data, value]);
  return (
    <Select
      label={t('reception.procedure')}
      description={t('slip.procedureHelp')}
      placeholder={t('reception.procedurePlaceholder')}
      required
      searchable
      data={options}
      value={value?.code ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(code, option) => onChange(code ? { code, label: option?.label ?? code } : null)}
      filter={({ options: all }) => all}
      allowDeselect={false}
      nothingFoundMessage={catalog.isFetching ? t('common.loading') : t('common.nothingFound')}
      error={error}
      comboboxProps={{ withinPortal: true }}
      data-testid="slip-procedure"
    />
  );
}

function SlipDone({ slip, onClose }: { slip: Slip; onClose: () => void }) {
  const { t } = useTranslation();
  const openRef = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    openRef.current?.focus();
  }, []);
  return (
    <Stack gap="md" data-testid="slip-done" data-slip-id={slip.id}>
      <Group gap="xs" role="status">
        <IconCheck size={24} color="var(--mantine-color-green-8)" aria-hidden />
        <Title order={3} size="h4">
          {t(`slip.created.${slip.kind}`, { number: slip.number })}
        </Title>
      </Group>
      <Text size="sm">{t('slip.printHint')}</Text>
      <Group gap="sm">
        <Button
          component="a"
          ref={openRef}
          href={slipPdfUrl(slip.id)}
          target="_blank"
          rel="noopener"
          leftSection={<IconPrinter size={18} aria-hidden />}
          data-testid="slip-pdf"
        >
          {t('slip.openPdf')}
          <span className="visually-hidden"> ({t('common.newTab')})</span>
        </Button>
        <Button variant="default" onClick={onClose} data-testid="slip-close">
          {t('common.close')}
        </Button>
      </Group>
    </Stack>
  );
}

function SlipForm({ draft, onClose }: { draft: SlipDraft; onClose: () => void }) {
  const { t } = useTranslation();
  const guidance = draft.kind === 'guidance';
  const [procedure, setProcedure] = useState(draft.procedure);
  const [applicant, setApplicant] = useState<SlipApplicant>(draft.applicant);
  const [items, setItems] = useState<SlipItemDraft[]>(
    guidance ? (draft.items.length ? draft.items : [EMPTY_ITEM]) : [],
  );
  const [reason, setReason] = useState(guidance ? t('slip.guidanceReasonDefault') : '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [slip, setSlip] = useState<Slip | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const focusFirstError = () =>
    window.setTimeout(() => {
      const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      (first ?? formRef.current?.querySelector<HTMLElement>('[data-slip-failure]'))?.focus();
    }, 0);

  const mutation = useMutation({
    mutationFn: issueSlip,
    onSuccess: (created) => {
      setSlip(created);
      // Straight to the printable slip; the link below stays in case a pop-up blocker stops it.
      window.open(slipPdfUrl(created.id), '_blank', 'noopener');
    },
    onError: (error) => {
      const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};
      setErrors(fieldErrors);
      setFailure(
        error instanceof ApiError && error.code === 'validation_failed' && Object.keys(fieldErrors).length
          ? t('editor.fixErrors')
          : errorMessage(error),
      );
      focusFirstError();
    },
  });

  if (slip) return <SlipDone slip={slip} onClose={onClose} />;

  const setField = (key: keyof SlipApplicant) => (value: string) =>
    setApplicant((a) => ({ ...a, [key]: value }));
  const setItem = (index: number, patch: Partial<SlipItemDraft>) =>
    setItems((rows) => rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const submit = () => {
    if (mutation.isPending) return;
    const local: Record<string, string> = {};
    if (!procedure) local.procedureCode = t('reception.chooseProcedure');
    if (applicant.fullName.trim().length < 2) local['applicant.fullName'] = t('editor.required');
    const idNumber = applicant.idNumber.trim();
    if (idNumber && !ID_NUMBER_RE.test(idNumber))
      local['applicant.idNumber'] = t('reception.idNumberInvalid');
    const phone = compactPhone(applicant.phone);
    if (phone && !PHONE_RE.test(phone)) local['applicant.phone'] = t('reception.phoneInvalid');
    const email = applicant.email.trim();
    if (email && !EMAIL_RE.test(email)) local['applicant.email'] = t('reception.emailInvalid');
    const kept = items.filter((i) => i.document.trim());
    if (guidance && kept.length === 0) local.items = t('action.itemsRequired');
    items.forEach((item, i) => {
      if (guidance && !item.document.trim() && (items.length === 1 || item.note.trim()))
        local[`items.${i}.document`] = t('editor.required');
    });
    if (reason.trim().length < 3) local.reason = t('slip.reasonRequired');
    setErrors(local);
    if (Object.keys(local).length > 0) {
      setFailure(t('editor.fixErrors'));
      focusFirstError();
      return;
    }
    setFailure(null);
    const optional = (v: string) => (v.trim() ? v.trim() : undefined);
    const body: SlipBody = {
      kind: draft.kind,
      unitCode: draft.unitCode,
      procedureCode: procedure?.code ?? '',
      applicant: {
        fullName: applicant.fullName.trim(),
        idNumber: optional(idNumber),
        phone: optional(phone),
        email: optional(email),
        address: optional(applicant.address),
        organization: optional(applicant.organization),
      },
      items: guidance
        ? kept.map((i) => ({ document: i.document.trim(), form: i.form, note: optional(i.note) }))
        : [],
      reason: reason.trim(),
    };
    mutation.mutate(body);
  };

  return (
    <form
      ref={formRef}
      noValidate
      data-testid="slip-form"
      data-kind={draft.kind}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t(`slip.intro.${draft.kind}`, { unit: draft.unitName })}
        </Text>
        {failure && (
          <Alert
            color="red"
            icon={<IconAlertTriangle aria-hidden />}
            role="alert"
            tabIndex={-1}
            data-slip-failure
            data-testid="slip-error"
          >
            {failure}
          </Alert>
        )}

        {guidance && procedure ? (
          <Text size="sm">
            {t('reception.procedure')}:{' '}
            <Text span fw={600}>
              {procedure.label}
            </Text>
          </Text>
        ) : (
          <ProcedureChooser value={procedure} onChange={setProcedure} error={errors.procedureCode} />
        )}

        <fieldset className="row-fieldset slip-fieldset">
          <legend>
            <Text fw={600} size="sm" component="span">
              {t('reception.applicant')}
            </Text>
          </legend>
          <ApplicantFields
            value={applicant}
            onChange={(key, value) => setField(key)(value)}
            errors={errors}
            testIds={{ fullName: 'slip-applicant-name' }}
          />
        </fieldset>

        {guidance && (
          <fieldset className="row-fieldset slip-fieldset" aria-describedby="slip-items-help">
            <legend>
              <Text fw={600} size="sm" component="span">
                {t('slip.items')}
              </Text>
            </legend>
            <Stack gap="xs">
              <Text size="xs" c="dimmed" id="slip-items-help">
                {t('slip.itemsHelp')}
              </Text>
              {errors.items && (
                <Text size="sm" c="red.8" role="alert">
                  {errors.items}
                </Text>
              )}
              {items.map((item, index) => (
                <Paper
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, by position
                  key={index}
                  withBorder
                  p="xs"
                  role="group"
                  aria-labelledby={`slip-item-${index}`}
                  data-testid="slip-item"
                >
                  <Stack gap={6}>
                    <Group justify="space-between" gap="xs" wrap="nowrap">
                      <Text size="sm" fw={600} id={`slip-item-${index}`}>
                        {t('slip.itemN', { n: index + 1 })}
                      </Text>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size="lg"
                        aria-label={t('slip.removeItem', { n: index + 1 })}
                        disabled={items.length === 1}
                        onClick={() => setItems((rows) => rows.filter((_, i) => i !== index))}
                      >
                        <IconTrash size={18} aria-hidden />
                      </ActionIcon>
                    </Group>
                    <Textarea
                      label={t('slip.itemDocument')}
                      autosize
                      minRows={1}
                      maxRows={4}
                      maxLength={1000}
                      value={item.document}
                      onChange={(e) => setItem(index, { document: e.currentTarget.value })}
                      error={errors[`items.${index}.document`]}
                      data-testid="slip-item-document"
                    />
                    <Grid gap="xs">
                      <Grid.Col span={{ base: 12, xs: 5 }}>
                        <NativeSelect
                          label={t('slip.itemForm')}
                          data={SLIP_ITEM_FORMS.map((f) => ({ value: f, label: t(`slip.form.${f}`) }))}
                          value={item.form}
                          onChange={(e) => setItem(index, { form: e.currentTarget.value as SlipItemForm })}
                        />
                      </Grid.Col>
                      <Grid.Col span={{ base: 12, xs: 7 }}>
                        <TextInput
                          label={t('slip.itemNote')}
                          maxLength={500}
                          value={item.note}
                          onChange={(e) => setItem(index, { note: e.currentTarget.value })}
                          error={errors[`items.${index}.note`]}
                        />
                      </Grid.Col>
                    </Grid>
                  </Stack>
                </Paper>
              ))}
              <div>
                <Button
                  variant="subtle"
                  size="compact-md"
                  leftSection={<IconPlus size={16} aria-hidden />}
                  onClick={() => setItems((rows) => [...rows, EMPTY_ITEM])}
                  data-testid="slip-add-item"
                >
                  {t('slip.addItem')}
                </Button>
              </div>
            </Stack>
          </fieldset>
        )}

        <Textarea
          label={t(`slip.reason.${draft.kind}`)}
          description={t(`slip.reasonHelp.${draft.kind}`)}
          required
          autosize
          minRows={2}
          maxRows={8}
          maxLength={3000}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
          data-testid="slip-reason"
        />

        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            color={guidance ? undefined : 'red.8'}
            loading={mutation.isPending}
            leftSection={<IconPrinter size={18} aria-hidden />}
            data-testid="slip-submit"
          >
            {t(`slip.submit.${draft.kind}`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
