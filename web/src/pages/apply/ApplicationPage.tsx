import { Alert, Anchor, Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconArrowRight } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { type FormAnswers, validateGroup } from '../../../../src/domain/applications/form';
import {
  type ApplicationView,
  applicationKey,
  type DraftChanges,
  saveDraft,
  submitApplication,
  useMyApplication,
} from '../../api/applications';
import { ApiError, errorMessage } from '../../api/client';
import type { UploadedFile } from '../../api/files';
import { Loading, QueryError } from '../../components/common';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { ApplicationStatusView } from './ApplicationStatusView';
import { DeliveryStep, DocumentsStep, ReviewStep } from './DraftSteps';
import { EFormGroupFields, type ErrorMap, fieldDomId, titleOf } from './EFormFields';

type Step =
  | { kind: 'group'; index: number }
  | { kind: 'documents' }
  | { kind: 'delivery' }
  | { kind: 'review' };

/** Files of the application as the upload component lists them. */
export function uploadedFiles(view: ApplicationView): UploadedFile[] {
  return view.files.map((f) => ({
    id: f.id,
    name: f.name,
    size: f.size,
    mediaType: f.mediaType as UploadedFile['mediaType'],
    sha256: '',
    scanStatus: 'clean',
  }));
}

/** Where an error of the server's list is fixed. */
function stepOfPath(path: string, view: ApplicationView, steps: Step[]): number {
  const group = /^answers\.([^.]+)/.exec(path)?.[1];
  if (group) {
    const gi = view.form.groups.findIndex((g) => g.id === group);
    return Math.max(
      0,
      steps.findIndex((s) => s.kind === 'group' && s.index === gi),
    );
  }
  if (path.startsWith('documents')) return steps.findIndex((s) => s.kind === 'documents');
  return steps.findIndex((s) => s.kind === 'delivery');
}

function DraftWizard({ view }: { view: ApplicationView }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const lang = i18n.language.startsWith('en') ? 'en' : 'vi';
  const steps: Step[] = useMemo(
    () => [
      ...view.form.groups.map((_, index) => ({ kind: 'group' as const, index })),
      { kind: 'documents' as const },
      { kind: 'delivery' as const },
      { kind: 'review' as const },
    ],
    [view.form.groups],
  );
  const [stepIndex, setStepIndex] = useState(0);
  const [draft, setDraft] = useState<Required<DraftChanges>>({
    answers: view.answers,
    documents: view.documents,
    unitCode: view.unitCode,
    resultDelivery: view.resultDelivery,
    deliveryAddress: view.deliveryAddress,
    feeIndexes: view.feeIndexes,
    feeExemption: view.feeExemption,
  });
  const [files, setFiles] = useState<UploadedFile[]>(() => uploadedFiles(view));
  const [errors, setErrors] = useState<ErrorMap>({});
  const [saveState, setSaveState] = useState<{ at?: string; error?: string; conflict?: boolean }>({});
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const revision = useRef(view.revision);
  const dirty = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  /** A patch, or a patch computed from the draft as it is when applied (for late callbacks). */
  const change = useCallback((patch: DraftChanges | ((current: typeof draft) => DraftChanges)) => {
    dirty.current = true;
    setDraft((d) => ({ ...d, ...(typeof patch === 'function' ? patch(d) : patch) }));
  }, []);
  const addFiles = useCallback(
    (next: UploadedFile[]) =>
      setFiles((old) => [...old, ...next.filter((f) => !old.some((o) => o.id === f.id))]),
    [],
  );

  // Saves run one after another: an autosave still in flight when the citizen submits would
  // otherwise race the submission's own save for the same revision (409 draft_conflict).
  const latest = useRef(draft);
  latest.current = draft;
  const saving = useRef<Promise<void>>(Promise.resolve());
  const persist = useCallback((): Promise<void> => {
    const run = saving.current.then(async () => {
      if (!dirty.current) return;
      dirty.current = false;
      try {
        const saved = await saveDraft(view.id, revision.current, latest.current);
        revision.current = saved.revision;
        setSaveState({ at: saved.updatedAt });
      } catch (error) {
        dirty.current = true;
        if (error instanceof ApiError && error.code === 'draft_conflict') setSaveState({ conflict: true });
        else setSaveState({ error: errorMessage(error) });
        throw error;
      }
    });
    // A failed save must not block the next one.
    saving.current = run.catch(() => undefined);
    return run;
  }, [view.id]);

  // Autosave shortly after typing stops: the draft can be resumed on another device.
  // biome-ignore lint/correctness/useExhaustiveDependencies: each change of the draft restarts the timer
  useEffect(() => {
    if (!dirty.current) return;
    const timer = window.setTimeout(() => {
      persist().catch(() => undefined);
    }, 800);
    return () => window.clearTimeout(timer);
  }, [draft, persist]);

  const step = steps[stepIndex]!;
  const goTo = (i: number) => {
    setStepIndex(i);
    window.scrollTo({ top: 0 });
    window.setTimeout(() => headingRef.current?.focus(), 0);
  };
  const focusFirstError = (found: ErrorMap) => {
    const first = Object.keys(found)[0];
    if (first) window.setTimeout(() => document.getElementById(fieldDomId(first))?.focus(), 0);
  };

  const next = () => {
    if (step.kind === 'group') {
      const group = view.form.groups[step.index]!;
      const found = Object.fromEntries(
        validateGroup(group, draft.answers, lang).map((e) => [e.path, e.message]),
      );
      setErrors(found);
      if (Object.keys(found).length > 0) return focusFirstError(found);
    }
    setErrors({});
    goTo(Math.min(stepIndex + 1, steps.length - 1));
  };

  const submit = async () => {
    setSubmitting(true);
    setSubmitError(null);
    try {
      await persist();
      const submitted = await submitApplication(view.id, revision.current);
      queryClient.setQueryData(applicationKey(view.id), submitted);
      window.scrollTo({ top: 0 });
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        const found = error.fieldErrors();
        setErrors(found);
        const first = Object.keys(found)[0];
        setSubmitError(error.message);
        if (first) goTo(stepOfPath(first, view, steps));
      } else {
        setSubmitError(errorMessage(error));
      }
    } finally {
      setSubmitting(false);
    }
  };

  const title =
    step.kind === 'group'
      ? titleOf(view.form.groups[step.index]!, i18n.language)
      : t(`apply.steps.${step.kind}`);

  return (
    <Stack gap="md">
      <div>
        <Text size="sm" c="dimmed">
          {view.procedure.name}
        </Text>
        <Text size="sm" id="step-label">
          {t('apply.stepOf', { n: stepIndex + 1, total: steps.length })}
        </Text>
        <Progress.Root size="sm" mt={4}>
          <Progress.Section
            value={((stepIndex + 1) / steps.length) * 100}
            aria-label={t('apply.stepOf', { n: stepIndex + 1, total: steps.length })}
          />
        </Progress.Root>
      </div>
      <Title order={2} ref={headingRef} tabIndex={-1} style={{ outline: 'none' }}>
        {title}
      </Title>
      {saveState.conflict && (
        <Alert color="orange" role="alert" title={t('apply.conflictTitle')}>
          {t('apply.conflict')}{' '}
          <Anchor component="button" onClick={() => window.location.reload()}>
            {t('apply.reload')}
          </Anchor>
        </Alert>
      )}
      <Paper withBorder p="md" radius="md">
        {step.kind === 'group' && (
          <EFormGroupFields
            group={view.form.groups[step.index]!}
            answers={draft.answers}
            errors={errors}
            onChange={(answers: FormAnswers) => change({ answers })}
            applicationId={view.id}
            files={files}
            onFilesUploaded={addFiles}
          />
        )}
        {step.kind === 'documents' && (
          <DocumentsStep
            view={view}
            documents={draft.documents}
            files={files}
            errors={errors}
            onFilesUploaded={addFiles}
            onChange={(update) => change((d) => ({ documents: update(d.documents) }))}
          />
        )}
        {step.kind === 'delivery' && (
          <DeliveryStep view={view} draft={draft} errors={errors} onChange={change} />
        )}
        {step.kind === 'review' && (
          <ReviewStep
            view={view}
            draft={draft}
            files={files}
            errors={errors}
            onEdit={(path) => goTo(stepOfPath(path, view, steps))}
            steps={steps.map((s, i) => ({
              index: i,
              kind: s.kind,
              groupIndex: s.kind === 'group' ? s.index : -1,
            }))}
            onEditStep={goTo}
          />
        )}
      </Paper>
      {submitError && (
        <Alert color="red" role="alert" title={t('apply.submitFailed')}>
          {submitError}
        </Alert>
      )}
      <Group justify="space-between">
        <Button
          variant="default"
          leftSection={<IconArrowLeft size={16} aria-hidden />}
          disabled={stepIndex === 0}
          onClick={() => goTo(stepIndex - 1)}
        >
          {t('apply.back')}
        </Button>
        {step.kind === 'review' ? (
          <Button onClick={submit} loading={submitting}>
            {t('apply.submit')}
          </Button>
        ) : (
          <Button rightSection={<IconArrowRight size={16} aria-hidden />} onClick={next}>
            {t('apply.next')}
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed" aria-live="polite">
        {saveState.error
          ? t('apply.saveFailed', { error: saveState.error })
          : saveState.at
            ? t('apply.savedAt', { at: formatDateTime(saveState.at, i18n.language) })
            : t('apply.autosave')}
      </Text>
    </Stack>
  );
}

export default function ApplicationPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const paymentPending = useSearchParams()[0].has('payment');
  const query = useMyApplication(id);
  const polling = paymentPending && query.data !== undefined && query.data.fees.total > 0 && !query.data.paid;
  useMyApplication(polling ? id : undefined, polling);
  usePageTitle(query.data?.procedure.name ?? t('apply.title'));
  if (query.isPending) return <Loading />;
  if (query.isError) return <QueryError error={query.error} />;
  const view = query.data;
  return (
    <Stack gap="md" maw={720} mx="auto">
      <Anchor component={Link} to={view.assisted ? '/office/assist' : '/me'} size="sm">
        <IconArrowLeft size={14} aria-hidden /> {view.assisted ? t('assist.title') : t('apply.myDossiers')}
      </Anchor>
      {view.assisted && (
        <Alert color="blue" variant="light" data-testid="assisted-banner">
          {t('assist.banner', {
            name: view.assisted.citizen.fullName,
            idNumber: view.assisted.citizen.idNumber,
            method: t(`assist.methods.${view.assisted.consent.method}`),
          })}
        </Alert>
      )}
      {view.status === 'draft' ? <DraftWizard view={view} /> : <ApplicationStatusView view={view} />}
    </Stack>
  );
}
