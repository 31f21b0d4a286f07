// The counter's reception page: receives a dossier (procedure, checklist, applicant, delivery) or refuses it.
import { Alert, Grid, Group, Kbd, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../api/client';
import {
  type Channel,
  type DossierView,
  dossierKeys,
  type IntakeBody,
  newIdempotencyKey,
  type ResultDelivery,
  receiveDossier,
} from '../../api/dossiers';
import { useProcedure } from '../../api/public';
import { compactPhone, EMAIL_RE, ID_NUMBER_RE, isPhone } from '../../../../src/domain/contact';
import { usePageTitle } from '../../lib/usePageTitle';
import { ApplicantSection } from './reception/ApplicantSection';
import { ChecklistSection } from './reception/ChecklistSection';
import { DeliverySection } from './reception/DeliverySection';
import { type ApplicantState, type DocRow, EMPTY_APPLICANT, missingItems, rowsFor } from './reception/draft';
import { ProcedureSection, useProcedureCatalog } from './reception/ProcedureSection';
import { FailureAlert, IncompleteAlert } from './reception/ReceptionAlerts';
import { SuccessPanel } from './reception/SuccessPanel';
import { SummaryPanel } from './reception/SummaryPanel';
import { useReceivingUnits } from './reception/useReceivingUnits';
import { ServiceDayNotice } from './ServiceDayNotice';
import { type SlipDraft, SlipModal } from './SlipModal';

type FocusTarget = 'picker' | 'missing' | 'invalid' | 'phone';

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

  const picker = useProcedureCatalog({ unit, search, debouncedSearch, selectedLabel, procedureCode });
  const procedure = useProcedure(procedureCode ?? undefined);

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
              {failure && <FailureAlert failure={failure} alertRef={failureRef} />}
              {missing && (
                <IncompleteAlert
                  missing={missing}
                  alertRef={missingRef}
                  onPrintGuidance={() => openSlip('guidance')}
                  canPrint={Boolean(unit && procedureCode)}
                />
              )}

              <ProcedureSection
                receivingUnits={receivingUnits}
                unit={unit}
                onUnitChange={(code) => {
                  setUnitCode(code);
                  setProcedureCode(null);
                  setSelectedLabel('');
                  setSearch('');
                }}
                pickerRef={pickerRef}
                picker={picker}
                procedure={procedure}
                procedureCode={procedureCode}
                search={search}
                onSearchChange={setSearch}
                onProcedureChange={(value, label) => {
                  setProcedureCode(value);
                  setSelectedLabel(label);
                  setMissing(null);
                  setErrors((e) => ({ ...e, procedureCode: '' }));
                }}
                errors={errors}
              />

              {procedureCode && (
                <ChecklistSection
                  procedure={procedure}
                  docs={docs}
                  setDoc={setDoc}
                  onTickRequired={tickRequired}
                />
              )}

              <ApplicantSection
                applicant={applicant}
                onChange={(key, value) => setField(key)(value)}
                onApplySaved={(patch) => {
                  setApplicant((a) => ({ ...a, ...patch }));
                  setErrors((e) => {
                    const next = { ...e };
                    for (const key of Object.keys(patch)) delete next[`applicant.${key}`];
                    return next;
                  });
                  // The button goes away once used: the keyboard carries on at the next field.
                  requestFocus('phone');
                }}
                errors={errors}
                phoneRef={phoneRef}
              />

              <DeliverySection
                resultDelivery={resultDelivery}
                onResultDeliveryChange={setResultDelivery}
                deliveryAddress={deliveryAddress}
                onDeliveryAddressChange={setDeliveryAddress}
                channel={channel}
                onChannelChange={setChannel}
                sets={sets}
                onSetsChange={setSets}
                errors={errors}
              />
            </Stack>
          </Grid.Col>

          <Grid.Col span={{ base: 12, md: 4 }}>
            <SummaryPanel
              procedure={procedure.data}
              docs={docs}
              unit={unit}
              submitting={receive.isPending}
              onRefuse={() => openSlip('refusal')}
            />
          </Grid.Col>
        </Grid>
      </form>
      {slipModal}
    </Stack>
  );
}
