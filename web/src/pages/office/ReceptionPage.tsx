import {
  Alert,
  Badge,
  type ComboboxItem,
  type OptionsFilter,
  Button,
  Checkbox,
  Grid,
  Group,
  Kbd,
  List,
  NativeSelect,
  NumberInput,
  Paper,
  Radio,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconBan,
  IconCheck,
  IconFileText,
  IconPlus,
  IconPrinter,
  IconUserCheck,
} from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../api/auth';
import { type DueQuery, useDue } from '../../api/calendar';
import { ApiError, errorMessage } from '../../api/client';
import {
  type ApplicantInput,
  type Channel,
  type DossierView,
  dossierFormUrl,
  dossierKeys,
  type IntakeBody,
  newIdempotencyKey,
  type ResultDelivery,
  receiveDossier,
  type SubmittedForm,
  useSavedApplicant,
} from '../../api/dossiers';
import { publicKeys, searchProcedures, useProcedure, useUnits } from '../../api/public';
import type { DocumentForm, ProcedureDetail } from '../../api/public';
import { type ApplicantDraft, ApplicantFields } from '../../components/ApplicantFields';
import { QueryError } from '../../components/common';
import { compactPhone, EMAIL_RE, ID_NUMBER_RE, isPhone } from '../../../../src/domain/contact';
import { foldVietnamese } from '../../../../src/domain/text';
import { toVietnamLocalInput } from '../../lib/dossier';
import { formatDateTime, formatMoney, formatProcessingTime, localToIsoVietnam } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { type SlipDraft, type SlipItemDraft, SlipModal } from './SlipModal';
import { ServiceDayNotice } from './ServiceDayNotice';
import { TableHead } from '../../components/DataTable';

/** Matches shown while typing: few enough to need no scrolling (a scrolled list is hard to reach). */
const PICKER_SIZE = 8;

const SUBMITTED_FORMS: SubmittedForm[] = ['original', 'copy', 'certified_copy'];

type FocusTarget = 'picker' | 'missing' | 'invalid' | 'phone';

interface DocRow {
  checked: boolean;
  form: SubmittedForm;
  copies: number;
}

type ApplicantState = ApplicantDraft;

const EMPTY_APPLICANT: ApplicantState = {
  fullName: '',
  idNumber: '',
  phone: '',
  email: '',
  address: '',
  organization: '',
};

function defaultForm(form: DocumentForm): SubmittedForm {
  return form === 'copy' || form === 'certified_copy' ? form : 'original';
}

function rowsFor(procedure: ProcedureDetail | undefined): DocRow[] {
  return (procedure?.documents ?? []).map((d) => ({
    checked: false,
    form: defaultForm(d.form),
    copies: Math.max(1, d.copies || 1),
  }));
}

/** "Thiếu: Giấy chứng sinh" → the document, its form taken from the procedure's checklist when found. */
function missingItems(messages: string[], procedure: ProcedureDetail | undefined): SlipItemDraft[] {
  return messages.map((message) => {
    const document = message.replace(/^\s*(Thiếu|Missing)\s*:\s*/i, '').trim();
    const known = procedure?.documents.find((d) => foldVietnamese(d.name) === foldVietnamese(document));
    const form =
      known?.form === 'certified_copy' ? 'certified_copy' : known?.form === 'copy' ? 'photocopy' : 'original';
    return { document, form, note: '' };
  });
}

/** The units where the user may receive dossiers. */
function useReceivingUnits(): { code: string; name: string }[] {
  const me = useMe().data;
  const isSystemAdmin = Boolean(me?.roles.some((r) => r.role === 'system_admin'));
  const units = useUnits();
  return useMemo(() => {
    const own = new Map<string, string>();
    for (const r of me?.roles ?? []) {
      if (r.role === 'receptionist' && r.unitCode) own.set(r.unitCode, r.unitName ?? r.unitCode);
    }
    if (own.size === 0 && isSystemAdmin) {
      for (const u of units.data ?? []) if (u.hasCounter) own.set(u.code, u.name);
    }
    return [...own].map(([code, name]) => ({ code, name }));
  }, [me, isSystemAdmin, units.data]);
}

/** Now, in Vietnam wall time to the minute, refreshed every minute (keeps the due-date query stable). */
function useMinuteClock(): string {
  const [now, setNow] = useState(() => toVietnamLocalInput(new Date().toISOString()));
  useEffect(() => {
    const timer = window.setInterval(() => setNow(toVietnamLocalInput(new Date().toISOString())), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

const APPLICANT_FIELDS = ['fullName', 'phone', 'email', 'address', 'organization'] as const;

/** The applicant fields still empty that the saved applicant would fill. */
function fillableFrom(
  saved: ApplicantInput | null | undefined,
  current: ApplicantState,
): Partial<ApplicantState> {
  const patch: Partial<ApplicantState> = {};
  if (!saved) return patch;
  for (const key of APPLICANT_FIELDS) {
    const value = saved[key]?.trim();
    if (value && !current[key].trim()) patch[key] = value;
  }
  return patch;
}

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

function FeePreview({ procedure }: { procedure: ProcedureDetail }) {
  const { t, i18n } = useTranslation();
  const paid = procedure.fees.filter((f) => f.amount > 0);
  return (
    <Stack gap={4} data-testid="fee-preview">
      <Text fw={600} size="sm">
        {t('procedure.fees')}
      </Text>
      {paid.length === 0 ? (
        <Text size="sm">{t('procedure.free')}</Text>
      ) : (
        <List size="sm" spacing={4}>
          {paid.map((fee, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: fees are listed in order
            <List.Item key={i}>
              <Text span fw={600} size="sm">
                {formatMoney(fee.amount, i18n.language)}
              </Text>
              {fee.condition && (
                <Text span size="sm" c="dimmed">
                  {' '}
                  — {fee.condition}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      )}
      {procedure.feeNote && (
        <Text size="xs" c="dimmed" lineClamp={4} title={procedure.feeNote}>
          {procedure.feeNote}
        </Text>
      )}
    </Stack>
  );
}

function DuePreview({ procedure, unitCode }: { procedure: ProcedureDetail; unitCode: string }) {
  const { t, i18n } = useTranslation();
  const now = useMinuteClock();
  const from = localToIsoVietnam(now);
  const time = procedure.processingTime;
  const query: DueQuery | null =
    from && time
      ? {
          from,
          unit: unitCode,
          kind: time.kind,
          value: 'value' in time ? time.value : 0,
        }
      : null;
  const due = useDue(query);
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {t('reception.duePreview')}
      </Text>
      <Text size="sm" c="dimmed">
        {formatProcessingTime(procedure.processingTime, procedure.processingTimeText, t)}
      </Text>
      {due.isPending && <Skeleton height={24} />}
      {due.isError && (
        <Text size="sm" c="red.8">
          {errorMessage(due.error)}
        </Text>
      )}
      {due.data && (
        <Text fw={700} size="lg" c="brand.8" data-testid="due-preview" data-value={due.data.dueAt}>
          {formatDateTime(due.data.dueAt, i18n.language)}
        </Text>
      )}
    </Stack>
  );
}

function SuccessPanel({ dossier, onNew }: { dossier: DossierView; onNew: () => void }) {
  const { t, i18n } = useTranslation();
  const printRef = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    printRef.current?.focus();
  }, []);
  return (
    <Paper withBorder p="lg" radius="md" data-testid="reception-success" className="reception-success">
      <Stack gap="md">
        <Stack gap="md" role="status">
          <Group gap="xs">
            <IconCheck size={28} color="var(--mantine-color-green-8)" aria-hidden />
            <Title order={2} size="h3">
              {t('reception.received')}
            </Title>
          </Group>
          <div>
            <Text size="sm" c="dimmed">
              {t('dossier.code')}
            </Text>
            <Text className="dossier-code-big" translate="no" data-testid="dossier-code">
              {dossier.code}
            </Text>
          </div>
        </Stack>
        <Text>
          {dossier.procedure.name} — {String((dossier.applicant as { fullName?: string })?.fullName ?? '')}
        </Text>
        <Text>
          {t('dossier.appointmentAt')}:{' '}
          <Text span fw={700}>
            {formatDateTime(dossier.appointmentAt, i18n.language)}
          </Text>
        </Text>
        <Group gap="sm">
          <Button
            component="a"
            ref={printRef}
            href={dossierFormUrl(dossier.code, '01')}
            target="_blank"
            rel="noopener"
            leftSection={<IconPrinter size={18} aria-hidden />}
            data-testid="print-01"
          >
            {t('reception.print01')}
            <span className="visually-hidden"> ({t('common.newTab')})</span>
          </Button>
          <Button
            variant="light"
            leftSection={<IconPlus size={18} aria-hidden />}
            onClick={onNew}
            data-testid="new-dossier"
          >
            {t('reception.new')}
          </Button>
          <Button
            variant="subtle"
            component={Link}
            to={`/office/dossiers/${encodeURIComponent(dossier.code)}`}
            leftSection={<IconFileText size={18} aria-hidden />}
          >
            {t('reception.open')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export default function ReceptionPage() {
  const { t } = useTranslation();
  usePageTitle(t('reception.title'));
  const queryClient = useQueryClient();
  const receivingUnits = useReceivingUnits();
  const [unitCode, setUnitCode] = useState<string>('');
  const unit = unitCode || receivingUnits[0]?.code || '';

  const [procedureCode, setProcedureCode] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 150);
  const [selectedLabel, setSelectedLabel] = useState('');
  const pickerRef = useRef<HTMLInputElement>(null);
  const phoneRef = useRef<HTMLInputElement>(null);

  const [docs, setDocs] = useState<DocRow[]>([]);
  const [applicant, setApplicant] = useState<ApplicantState>(EMPTY_APPLICANT);
  const [resultDelivery, setResultDelivery] = useState<ResultDelivery>('counter');
  const [deliveryAddress, setDeliveryAddress] = useState('');
  const [channel, setChannel] = useState<Channel>('counter');
  const [sets, setSets] = useState<number>(1);

  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [missing, setMissing] = useState<string[] | null>(null);
  const [slipDraft, setSlipDraft] = useState<SlipDraft | null>(null);
  const [result, setResult] = useState<DossierView | null>(null);
  const idempotencyKey = useRef<string | null>(null);
  const missingRef = useRef<HTMLDivElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);

  // The catalog of the unit, searched as the receptionist types (not while the box shows the choice).
  const q = debouncedSearch === selectedLabel ? '' : debouncedSearch.trim();
  const catalog = useQuery({
    queryKey: publicKeys.procedures({ q, unit, pageSize: PICKER_SIZE }),
    queryFn: ({ signal }) => searchProcedures({ q: q || undefined, unit, pageSize: PICKER_SIZE }, signal),
    enabled: Boolean(unit),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
  const procedure = useProcedure(procedureCode ?? undefined);

  // While the server has not answered for what is typed, narrow the list already shown, so that a
  // quick Enter takes a matching procedure; once it has, keep its ranking (it also finds misspellings).
  const fresh = !catalog.isPlaceholderData && !catalog.isFetching && q === search.trim();
  const filterOptions: OptionsFilter = ({ options: all, search: typed }) => {
    const items = all as ComboboxItem[];
    if (typed === selectedLabel) return items;
    const words = foldVietnamese(typed).split(/\s+/).filter(Boolean);
    if (words.length === 0) return items;
    const local = items.filter((o) => {
      const label = foldVietnamese(o.label);
      return words.every((w) => label.includes(w));
    });
    if (fresh) return [...local, ...items.filter((o) => !local.includes(o))];
    return local.length > 0 ? local : items;
  };

  const options = useMemo(() => {
    const list = (catalog.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.code} · ${p.name}` }));
    if (procedureCode && selectedLabel && !list.some((o) => o.value === procedureCode)) {
      list.unshift({ value: procedureCode, label: selectedLabel });
    }
    return list;
  }, [catalog.data, procedureCode, selectedLabel]);

  // A new procedure gives a fresh checklist (nothing ticked: the receptionist ticks what was handed in).
  const checklistFor = useRef<string | null>(null);
  useEffect(() => {
    const key = procedure.data ? `${procedure.data.code}@${procedure.data.version.number}` : null;
    if (key === checklistFor.current) return;
    checklistFor.current = key;
    setDocs(rowsFor(procedure.data));
  }, [procedure.data]);

  // Focus moves after the render that shows its target (an alert, a field in error, the picker).
  const [focusRequest, setFocusRequest] = useState<{ target: FocusTarget; n: number } | null>(null);
  const requestFocus = (target: FocusTarget) => setFocusRequest((r) => ({ target, n: (r?.n ?? 0) + 1 }));
  useEffect(() => {
    if (!focusRequest) return;
    if (focusRequest.target === 'picker') pickerRef.current?.focus();
    else if (focusRequest.target === 'phone') phoneRef.current?.focus();
    else if (focusRequest.target === 'missing') missingRef.current?.focus();
    else {
      const first = document.querySelector<HTMLElement>('[data-reception-form] [aria-invalid="true"]');
      (first ?? failureRef.current)?.focus();
    }
  }, [focusRequest]);
  // The picker has the focus on arrival (after the shell has moved it to the main region).
  useEffect(() => {
    const timer = window.setTimeout(() => pickerRef.current?.focus(), 50);
    return () => window.clearTimeout(timer);
  }, []);

  const setField = (key: keyof ApplicantState) => (value: string) =>
    setApplicant((a) => ({ ...a, [key]: value }));
  const setDoc = (index: number, patch: Partial<DocRow>) =>
    setDocs((rows) => rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const receive = useMutation({
    mutationFn: ({ body, key }: { body: IntakeBody; key: string }) => receiveDossier(body, key),
    onSuccess: async (dossier) => {
      idempotencyKey.current = null;
      setResult(dossier);
      setMissing(null);
      setFailure(null);
      queryClient.setQueryData(dossierKeys.detail(dossier.code), dossier);
      // The next dossier of the same person offers the details just received.
      queryClient.removeQueries({ queryKey: dossierKeys.applicants });
      await queryClient.invalidateQueries({ queryKey: dossierKeys.lists });
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) {
        setFailure(errorMessage(error));
        return;
      }
      // A definite answer (4xx other than "still in progress") created nothing: the next try is a new request.
      if (error.status >= 400 && error.status < 500 && error.code !== 'idempotency_in_progress') {
        idempotencyKey.current = null;
      }
      if (error.code === 'incomplete_dossier') {
        const list = (error.problem.errors ?? [])
          .filter((e) => String(e.path).startsWith('documents'))
          .map((e) => e.message);
        setMissing(list.length ? list : [error.problem.detail ?? error.message]);
        setFailure(null);
        requestFocus('missing');
        return;
      }
      const fieldErrors = error.fieldErrors();
      if (error.code === 'procedure_not_handled' && !fieldErrors.procedureCode) {
        fieldErrors.procedureCode = error.problem.detail ?? error.message;
      }
      setErrors(fieldErrors);
      setFailure(
        error.code === 'validation_failed' && Object.keys(fieldErrors).length > 0
          ? t('editor.fixErrors')
          : errorMessage(error),
      );
      requestFocus('invalid');
    },
  });

  const validate = (): Record<string, string> => {
    const local: Record<string, string> = {};
    if (!unit) local.unitCode = t('editor.required');
    if (!procedureCode) local.procedureCode = t('reception.chooseProcedure');
    if (applicant.fullName.trim().length < 2) local['applicant.fullName'] = t('editor.required');
    if (!ID_NUMBER_RE.test(applicant.idNumber.trim()))
      local['applicant.idNumber'] = t('reception.idNumberInvalid');
    if (!isPhone(applicant.phone)) local['applicant.phone'] = t('reception.phoneInvalid');
    if (applicant.email.trim() && !EMAIL_RE.test(applicant.email.trim()))
      local['applicant.email'] = t('reception.emailInvalid');
    if (resultDelivery === 'postal' && !deliveryAddress.trim() && !applicant.address.trim())
      local.deliveryAddress = t('reception.addressForPost');
    return local;
  };

  const submit = () => {
    if (receive.isPending) return;
    const local = validate();
    setErrors(local);
    setMissing(null);
    if (Object.keys(local).length > 0) {
      setFailure(t('editor.fixErrors'));
      requestFocus('invalid');
      return;
    }
    setFailure(null);
    const optional = (v: string) => (v.trim() ? v.trim() : undefined);
    const body: IntakeBody = {
      procedureCode: procedureCode ?? '',
      unitCode: unit,
      channel,
      applicant: {
        fullName: applicant.fullName.trim(),
        idNumber: applicant.idNumber.trim(),
        phone: compactPhone(applicant.phone),
        email: optional(applicant.email),
        address: optional(applicant.address),
        organization: optional(applicant.organization),
      },
      formData: {},
      documents: docs.flatMap((d, index) => (d.checked ? [{ index, form: d.form, copies: d.copies }] : [])),
      resultDelivery,
      sets,
      deliveryAddress: resultDelivery === 'postal' ? optional(deliveryAddress) : undefined,
    };
    // One key per submission; a retry after a lost answer reuses it, so the dossier is not received twice.
    idempotencyKey.current ??= newIdempotencyKey();
    receive.mutate({ body, key: idempotencyKey.current });
  };

  const reset = () => {
    setResult(null);
    setProcedureCode(null);
    setSelectedLabel('');
    setSearch('');
    setDocs([]);
    setApplicant(EMPTY_APPLICANT);
    setResultDelivery('counter');
    setDeliveryAddress('');
    setChannel('counter');
    setSets(1);
    setErrors({});
    setFailure(null);
    setMissing(null);
    idempotencyKey.current = null;
    receive.reset();
    requestFocus('picker');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Enter') return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      submit();
      return;
    }
    // A plain Enter in a text box must not send a half-filled dossier (the picker handles its own Enter).
    const target = event.target as HTMLElement;
    if (target instanceof HTMLInputElement && target.type !== 'checkbox' && target.type !== 'radio') {
      event.preventDefault();
    }
  };

  const requiredCount = procedure.data?.documents.filter((d) => d.required).length ?? 0;
  const tickRequired = () =>
    setDocs((rows) =>
      rows.map((row, i) => (procedure.data?.documents[i]?.required ? { ...row, checked: true } : row)),
    );

  const openSlip = (kind: SlipDraft['kind']) => {
    const unitName = receivingUnits.find((u) => u.code === unit)?.name ?? unit;
    setSlipDraft({
      id: Date.now(),
      kind,
      unitCode: unit,
      unitName,
      procedure: procedureCode ? { code: procedureCode, label: selectedLabel || procedureCode } : null,
      applicant,
      items: kind === 'guidance' ? missingItems(missing ?? [], procedure.data) : [],
    });
  };
  const slipModal = <SlipModal draft={slipDraft} onClose={() => setSlipDraft(null)} />;

  if (result) {
    return (
      <Stack gap="md" maw={900}>
        <Title order={1}>{t('reception.title')}</Title>
        <SuccessPanel dossier={result} onNew={reset} />
      </Stack>
    );
  }

  return (
    <Stack gap="md" maw={1200}>
      <Group justify="space-between" align="flex-end" gap="xs">
        <Title order={1}>{t('reception.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('reception.shortcutBefore')} <Kbd>Ctrl</Kbd> + <Kbd>Enter</Kbd> {t('reception.shortcutAfter')}
        </Text>
      </Group>
      {receivingUnits.length === 0 && (
        <Alert color="orange" role="alert">
          {t('reception.noUnit')}
        </Alert>
      )}
      {unit && <ServiceDayNotice unitCode={unit} />}
      <form
        noValidate
        data-reception-form
        data-testid="reception-form"
        onKeyDown={onKeyDown}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="lg">
              {failure && (
                <Alert
                  color="red"
                  icon={<IconAlertTriangle aria-hidden />}
                  role="alert"
                  ref={failureRef}
                  tabIndex={-1}
                  data-testid="reception-error"
                >
                  {failure}
                </Alert>
              )}
              {missing && (
                <Alert
                  color="orange"
                  icon={<IconAlertTriangle aria-hidden />}
                  title={t('reception.incompleteTitle')}
                  role="alert"
                  ref={missingRef}
                  tabIndex={-1}
                  data-testid="incomplete"
                >
                  <Stack gap="xs">
                    <List size="sm" data-testid="missing-list">
                      {missing.map((m) => (
                        <List.Item key={m}>{m}</List.Item>
                      ))}
                    </List>
                    <Group gap="sm" align="center">
                      <Button
                        leftSection={<IconPrinter size={16} aria-hidden />}
                        aria-describedby="form02-note"
                        onClick={() => openSlip('guidance')}
                        disabled={!unit || !procedureCode}
                        className="wrap-button"
                        data-testid="print-02-guidance"
                      >
                        {t('reception.print02')}
                      </Button>
                      <Text size="xs" id="form02-note">
                        {t('reception.print02Note')}
                      </Text>
                    </Group>
                  </Stack>
                </Alert>
              )}

              <Paper withBorder p="md" component="section" aria-labelledby="proc-title">
                <Stack gap="sm">
                  <Title order={2} size="h4" id="proc-title">
                    {t('reception.procedureSection')}
                  </Title>
                  {receivingUnits.length > 1 ? (
                    <NativeSelect
                      label={t('reception.unit')}
                      data={receivingUnits.map((u) => ({ value: u.code, label: u.name }))}
                      value={unit}
                      onChange={(e) => {
                        setUnitCode(e.currentTarget.value);
                        setProcedureCode(null);
                        setSelectedLabel('');
                        setSearch('');
                      }}
                      error={errors.unitCode}
                      data-testid="reception-unit"
                    />
                  ) : (
                    receivingUnits[0] && (
                      <Text size="sm">
                        {t('reception.unit')}:{' '}
                        <Text span fw={600}>
                          {receivingUnits[0].name}
                        </Text>
                      </Text>
                    )
                  )}
                  <Select
                    ref={pickerRef}
                    label={t('reception.procedure')}
                    description={t('reception.procedureHelp')}
                    placeholder={t('reception.procedurePlaceholder')}
                    required
                    searchable
                    data={options}
                    value={procedureCode}
                    searchValue={search}
                    onSearchChange={setSearch}
                    onChange={(value, option) => {
                      setProcedureCode(value);
                      setSelectedLabel(option?.label ?? '');
                      setMissing(null);
                      setErrors((e) => ({ ...e, procedureCode: '' }));
                    }}
                    filter={filterOptions}
                    selectFirstOptionOnChange
                    allowDeselect={false}
                    nothingFoundMessage={catalog.isFetching ? t('common.loading') : t('common.nothingFound')}
                    withScrollArea={false}
                    error={errors.procedureCode || undefined}
                    comboboxProps={{ withinPortal: true }}
                    data-testid="procedure-picker"
                  />
                  {catalog.isError && <QueryError error={catalog.error} onRetry={() => catalog.refetch()} />}
                  {procedure.isError && <QueryError error={procedure.error} />}
                </Stack>
              </Paper>

              {procedureCode && (
                <Paper withBorder p="md" component="section" aria-labelledby="docs-title">
                  <Stack gap="sm">
                    <Group justify="space-between" align="flex-end">
                      <div>
                        <Title order={2} size="h4" id="docs-title">
                          {t('reception.documents')}
                        </Title>
                        <Text size="sm" c="dimmed">
                          {t('reception.documentsHelp')}
                        </Text>
                      </div>
                      {requiredCount > 0 && (
                        <Button
                          variant="subtle"
                          size="compact-sm"
                          onClick={tickRequired}
                          data-testid="tick-required"
                        >
                          {t('reception.tickRequired')}
                        </Button>
                      )}
                    </Group>
                    {procedure.isPending && <Skeleton height={160} />}
                    {procedure.data && procedure.data.documents.length === 0 && (
                      <Text size="sm">{t('procedure.noDocuments')}</Text>
                    )}
                    {procedure.data && procedure.data.documents.length > 0 && (
                      <Table className="stack-table" verticalSpacing="xs" data-testid="checklist">
                        <TableHead
                          columns={[
                            t('procedure.documentName'),
                            t('procedure.documentForm'),
                            t('reception.copies'),
                          ]}
                        />
                        <Table.Tbody>
                          {procedure.data.documents.map((doc, index) => {
                            const row = docs[index];
                            if (!row) return null;
                            return (
                              <Table.Tr
                                // biome-ignore lint/suspicious/noArrayIndexKey: the checklist position is the identity
                                key={index}
                                data-testid="checklist-row"
                                data-required={doc.required ? 'true' : 'false'}
                              >
                                <Table.Td>
                                  <Checkbox
                                    checked={row.checked}
                                    onChange={(e) => setDoc(index, { checked: e.currentTarget.checked })}
                                    label={
                                      <>
                                        {doc.name}{' '}
                                        {doc.required && (
                                          <Badge
                                            size="xs"
                                            color="red"
                                            variant="light"
                                            radius="sm"
                                            style={{ textTransform: 'none' }}
                                          >
                                            {t('procedure.required')}
                                          </Badge>
                                        )}
                                      </>
                                    }
                                    data-testid="doc-check"
                                  />
                                </Table.Td>
                                <Table.Td data-label={t('procedure.documentForm')} className="cell-nowrap">
                                  <NativeSelect
                                    aria-label={t('reception.formOf', { n: index + 1 })}
                                    data={SUBMITTED_FORMS.map((f) => ({
                                      value: f,
                                      label: t(`documentForm.${f}`),
                                    }))}
                                    value={row.form}
                                    disabled={!row.checked}
                                    size="xs"
                                    w={160}
                                    onChange={(e) =>
                                      setDoc(index, { form: e.currentTarget.value as SubmittedForm })
                                    }
                                  />
                                </Table.Td>
                                <Table.Td data-label={t('reception.copies')} className="cell-nowrap">
                                  <NumberInput
                                    aria-label={t('reception.copiesOf', { n: index + 1 })}
                                    value={row.copies}
                                    min={1}
                                    max={100}
                                    w={80}
                                    size="xs"
                                    disabled={!row.checked}
                                    allowDecimal={false}
                                    onChange={(v) => setDoc(index, { copies: Math.max(1, Number(v) || 1) })}
                                  />
                                </Table.Td>
                              </Table.Tr>
                            );
                          })}
                        </Table.Tbody>
                      </Table>
                    )}
                  </Stack>
                </Paper>
              )}

              <Paper withBorder p="md" component="section" aria-labelledby="applicant-title">
                <Stack gap="sm">
                  <Title order={2} size="h4" id="applicant-title">
                    {t('reception.applicant')}
                  </Title>
                  <ApplicantFields
                    full
                    value={applicant}
                    onChange={(key, value) => setField(key)(value)}
                    errors={errors}
                    phoneRef={phoneRef}
                    testIds={{
                      fullName: 'applicant-name',
                      idNumber: 'applicant-id',
                      phone: 'applicant-phone',
                      email: 'applicant-email',
                      address: 'applicant-address',
                    }}
                    afterIdNumber={
                      <SavedApplicantSuggestion
                        applicant={applicant}
                        onApply={(patch) => {
                          setApplicant((a) => ({ ...a, ...patch }));
                          setErrors((e) => {
                            const next = { ...e };
                            for (const key of Object.keys(patch)) delete next[`applicant.${key}`];
                            return next;
                          });
                          // The button goes away once used: the keyboard carries on at the next field.
                          requestFocus('phone');
                        }}
                      />
                    }
                  />
                </Stack>
              </Paper>

              <Paper withBorder p="md" component="section" aria-labelledby="delivery-title">
                <Stack gap="sm">
                  <Title order={2} size="h4" id="delivery-title">
                    {t('reception.deliverySection')}
                  </Title>
                  <Radio.Group
                    label={t('reception.resultDelivery')}
                    value={resultDelivery}
                    onChange={(v) => setResultDelivery(v as ResultDelivery)}
                    error={errors.resultDelivery}
                  >
                    <Group gap="lg" mt={6}>
                      {(['counter', 'postal', 'online'] as const).map((d) => (
                        <Radio
                          key={d}
                          value={d}
                          label={t(`resultDelivery.${d}`)}
                          data-testid={`delivery-${d}`}
                        />
                      ))}
                    </Group>
                  </Radio.Group>
                  {resultDelivery === 'postal' && (
                    <TextInput
                      label={t('reception.deliveryAddress')}
                      description={t('reception.deliveryAddressHelp')}
                      value={deliveryAddress}
                      onChange={(e) => setDeliveryAddress(e.currentTarget.value)}
                      error={errors.deliveryAddress}
                      data-testid="delivery-address"
                    />
                  )}
                  <Group gap="md" align="flex-start" grow preventGrowOverflow={false}>
                    <NativeSelect
                      label={t('reception.channel')}
                      data={(['counter', 'postal'] as const).map((c) => ({
                        value: c,
                        label: t(`channel.${c}`),
                      }))}
                      value={channel}
                      onChange={(e) => setChannel(e.currentTarget.value as Channel)}
                      error={errors.channel}
                    />
                    <NumberInput
                      label={t('reception.sets')}
                      value={sets}
                      min={1}
                      max={50}
                      allowDecimal={false}
                      onChange={(v) => setSets(Math.max(1, Number(v) || 1))}
                      error={errors.sets}
                    />
                  </Group>
                </Stack>
              </Paper>
            </Stack>
          </Grid.Col>

          <Grid.Col span={{ base: 12, md: 4 }}>
            <Paper
              withBorder
              p="md"
              className="reception-summary"
              component="section"
              aria-labelledby="summary-title"
            >
              <Stack gap="md">
                <Title order={2} size="h4" id="summary-title">
                  {t('reception.summary')}
                </Title>
                {!procedure.data && <Text size="sm">{t('reception.summaryEmpty')}</Text>}
                {procedure.data && (
                  <>
                    <Text size="sm" fw={600}>
                      {procedure.data.name}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {t('reception.ticked', {
                        count: docs.filter((d) => d.checked).length,
                        total: docs.length,
                      })}
                    </Text>
                    <FeePreview procedure={procedure.data} />
                    {unit && <DuePreview procedure={procedure.data} unitCode={unit} />}
                  </>
                )}
                <Button
                  type="submit"
                  size="md"
                  loading={receive.isPending}
                  leftSection={<IconCheck size={18} aria-hidden />}
                  data-testid="reception-submit"
                  aria-keyshortcuts="Control+Enter"
                >
                  {t('reception.submit')}
                </Button>
                <Stack gap={4}>
                  <Button
                    variant="outline"
                    color="red.8"
                    leftSection={<IconBan size={18} aria-hidden />}
                    onClick={() => openSlip('refusal')}
                    disabled={!unit}
                    aria-describedby="refuse-help"
                    className="wrap-button"
                    data-testid="refuse-03"
                  >
                    {t('reception.refuse03')}
                  </Button>
                  <Text size="xs" c="dimmed" id="refuse-help">
                    {t('reception.refuse03Help')}
                  </Text>
                </Stack>
              </Stack>
            </Paper>
          </Grid.Col>
        </Grid>
      </form>
      {slipModal}
    </Stack>
  );
}
