import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  List,
  Paper,
  Stack,
  Text,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconCircleCheck,
  IconClockHour4,
  IconFileAlert,
  IconSearch,
  IconShieldCheck,
} from '@tabler/icons-react';
import { lazy, type ReactNode, Suspense, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { parseSecondFactor, type SecondFactor, type TrackResult, useTrack } from '../api/track';
import { Loading, QueryError } from '../components/common';
import { formatDateTime } from '../lib/format';
import { STATUS_COLOR } from '../lib/dossier';
import { usePageTitle } from '../lib/usePageTitle';

// Only a returned dossier can be rated: its form is loaded apart (as soon as a code is looked up, so
// that it is there by the time the answer is).
const loadRating = () => import('./TrackRating');
const RatingSection = lazy(() => loadRating().then((m) => ({ default: m.RatingSection })));

/** Router state carried from the search form to the result (never put in the address). */
interface TrackState {
  verify?: string;
}

function readVerify(state: unknown): string {
  if (state && typeof state === 'object' && 'verify' in state) {
    const value = (state as TrackState).verify;
    return typeof value === 'string' ? value : '';
  }
  return '';
}

/** The dossier code and, optionally, the applicant's phone or ID number. */
function TrackForm({
  initialCode = '',
  withCode = true,
  title,
  onSubmit,
  testId,
}: {
  initialCode?: string;
  withCode?: boolean;
  title?: string;
  onSubmit: (code: string, verify: string) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const [code, setCode] = useState(initialCode);
  const [verify, setVerify] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);

  useEffect(() => setCode(initialCode), [initialCode]);

  return (
    <Paper
      withBorder
      p="md"
      component="form"
      noValidate
      aria-labelledby={title ? titleId : undefined}
      data-testid={testId}
      onSubmit={(event) => {
        event.preventDefault();
        const value = code.trim();
        const factor = verify.trim();
        const nextCodeError = withCode && !value ? t('track.codeRequired') : null;
        const nextVerifyError =
          (!withCode && !factor) || (factor && !parseSecondFactor(factor)) ? t('track.verifyInvalid') : null;
        setCodeError(nextCodeError);
        setVerifyError(nextVerifyError);
        if (nextCodeError || nextVerifyError) return;
        onSubmit(withCode ? value : initialCode, factor);
      }}
    >
      <Stack gap="sm">
        {title && (
          <Title order={2} size="h4" id={titleId}>
            {title}
          </Title>
        )}
        {withCode && (
          <TextInput
            label={t('track.codeLabel')}
            description={t('track.codeHelp')}
            placeholder="AG.LONGXUYEN-260302-0001"
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            error={codeError}
            required
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            data-testid="track-code"
          />
        )}
        <TextInput
          label={withCode ? t('track.verifyLabelOptional') : t('track.verifyLabel')}
          description={t('track.verifyHelp')}
          value={verify}
          onChange={(event) => setVerify(event.currentTarget.value)}
          error={verifyError}
          required={!withCode}
          inputMode="tel"
          autoComplete="off"
          spellCheck={false}
          data-testid="track-verify"
        />
        <div>
          <Button
            type="submit"
            leftSection={
              withCode ? <IconSearch size={16} aria-hidden /> : <IconShieldCheck size={16} aria-hidden />
            }
            data-testid="track-submit"
          >
            {withCode ? t('track.submit') : t('track.verifySubmit')}
          </Button>
        </div>
      </Stack>
    </Paper>
  );
}

function Facts({ items }: { items: { key: string; label: string; value: ReactNode }[] }) {
  return (
    <dl className="facts">
      {items.map((item) => (
        <div key={item.key} className="facts-row" data-testid={`track-${item.key}`}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={STATUS_COLOR[status] ?? 'gray'}
      variant="light"
      size="lg"
      radius="sm"
      style={{ textTransform: 'none' }}
      data-testid="track-status"
      data-status={status}
    >
      {t(`track.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

function Steps({ steps }: { steps: TrackResult['steps'] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (steps.length === 0) return <Text c="dimmed">{t('track.noSteps')}</Text>;
  const running = steps.findIndex((s) => s.endedAt === null);
  return (
    <Timeline
      component="ol"
      className="plain-list"
      bulletSize={22}
      lineWidth={2}
      active={running === -1 ? steps.length - 1 : running}
    >
      {steps.map((step, index) => (
        <Timeline.Item
          // Steps have no id of their own; their order is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is append-only
          key={index}
          component="li"
          bullet={
            step.endedAt ? (
              <IconCircleCheck size={14} aria-hidden />
            ) : (
              <IconClockHour4 size={14} aria-hidden />
            )
          }
          title={
            <Text fw={600} component="h3" size="md" m={0}>
              {step.stepName}
            </Text>
          }
          data-testid="track-step"
        >
          <Text size="sm">{step.unitName}</Text>
          <Text size="sm" c="dimmed">
            {t('track.stepStarted', { date: formatDateTime(step.startedAt, lang) })}
          </Text>
          <Text size="sm" c="dimmed">
            {step.endedAt
              ? t('track.stepEnded', { date: formatDateTime(step.endedAt, lang) })
              : t('track.stepRunning')}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

function Supplements({ requests }: { requests: NonNullable<TrackResult['supplementRequests']> }) {
  const { t, i18n } = useTranslation();
  return (
    <Box component="section" aria-labelledby="track-supplement-title" data-testid="track-supplements">
      <Title order={2} size="h3" id="track-supplement-title" mb="sm">
        {t('track.supplementTitle')}
      </Title>
      {requests.length === 0 ? (
        <Text c="dimmed" data-testid="track-no-supplement">
          {t('track.noSupplement')}
        </Text>
      ) : (
        <Stack gap="sm">
          {requests.map((request) => (
            <Alert
              key={`${request.at}-${request.reason}`}
              color="orange"
              variant="light"
              icon={<IconFileAlert aria-hidden />}
              title={t('track.supplementAt', { date: formatDateTime(request.at, i18n.language) })}
              data-testid="track-supplement"
            >
              <Text size="sm" fw={600}>
                {t('track.supplementDocuments')}
              </Text>
              <List size="sm" mb="xs">
                {request.items.map((item) => (
                  <List.Item key={`${item.document}-${item.form ?? ''}`} data-testid="track-supplement-item">
                    {item.document}
                    {item.form ? ` (${t(`documentForm.${item.form}`, { defaultValue: item.form })})` : ''}
                  </List.Item>
                ))}
              </List>
              <Text size="sm">
                <strong>{t('track.supplementReason')}</strong> {request.reason}
              </Text>
            </Alert>
          ))}
        </Stack>
      )}
    </Box>
  );
}

function Result({
  data,
  factor,
  onVerify,
}: {
  data: TrackResult;
  factor: SecondFactor | null;
  onVerify: (verify: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const facts = [
    {
      key: 'procedure',
      label: t('track.procedure'),
      value: (
        <>
          {data.procedure.name}
          <Text size="sm" c="dimmed">
            {t('track.procedureCode')}: <span translate="no">{data.procedure.code}</span>
          </Text>
        </>
      ),
    },
    { key: 'applicant', label: t('track.applicant'), value: data.applicantMasked },
    { key: 'receiving-unit', label: t('track.receivingUnit'), value: data.receivingUnit.name },
    { key: 'current-unit', label: t('track.currentUnit'), value: data.currentUnit.name },
    ...(data.receivedAt
      ? [
          { key: 'received-at', label: t('track.receivedAt'), value: formatDateTime(data.receivedAt, lang) },
          { key: 'due-at', label: t('track.dueAt'), value: formatDateTime(data.dueAt, lang) },
        ]
      : [
          {
            key: 'submitted-at',
            label: t('track.submittedAt'),
            value: formatDateTime(data.submittedAt, lang),
          },
        ]),
    ...(data.extended
      ? [
          {
            key: 'appointment-at',
            label: t('track.appointmentAt'),
            value: (
              <>
                {formatDateTime(data.appointmentAt ?? data.dueAt, lang)}{' '}
                <Badge color="orange" variant="light" radius="sm" style={{ textTransform: 'none' }}>
                  {t('track.extended')}
                </Badge>
              </>
            ),
          },
        ]
      : []),
    ...(data.resolvedAt
      ? [{ key: 'resolved-at', label: t('track.resolvedAt'), value: formatDateTime(data.resolvedAt, lang) }]
      : []),
    ...(data.returnedAt
      ? [{ key: 'returned-at', label: t('track.returnedAt'), value: formatDateTime(data.returnedAt, lang) }]
      : []),
  ];
  return (
    <Stack gap="lg" data-testid="track-found" data-verified={data.verified}>
      <Paper withBorder p="md">
        <Stack gap="md">
          <div>
            <Text size="sm" c="dimmed">
              {t('track.codeLabel')}
            </Text>
            <Text
              fw={700}
              size="lg"
              translate="no"
              className="break-anywhere"
              data-testid="track-result-code"
            >
              {data.code}
            </Text>
          </div>
          <div>
            <StatusBadge status={data.status} />
          </div>
          {data.resultReady && !data.returnedAt && (
            <Alert
              color="green"
              variant="light"
              icon={<IconCircleCheck aria-hidden />}
              title={t('track.resultReady')}
              data-testid="track-result-ready"
            >
              {t('track.resultReadyHelp')}
            </Alert>
          )}
          <Facts items={facts} />
        </Stack>
      </Paper>

      {(data.rating || data.canRate) && (
        <Suspense fallback={null}>
          <RatingSection data={data} factor={factor} />
        </Suspense>
      )}

      {data.verified && data.supplementRequests && <Supplements requests={data.supplementRequests} />}

      <Box component="section" aria-labelledby="track-steps-title">
        <Title order={2} size="h3" id="track-steps-title" mb="sm">
          {t('track.stepsTitle')}
        </Title>
        <Steps steps={data.steps} />
      </Box>

      {data.verified ? (
        <Text size="sm" c="dimmed" data-testid="track-verified">
          <IconShieldCheck size={16} aria-hidden style={{ verticalAlign: 'text-bottom' }} />{' '}
          {t('track.verified')}
        </Text>
      ) : (
        <TrackForm
          initialCode={data.code}
          withCode={false}
          title={t('track.verifyTitle')}
          onSubmit={(_code, verify) => onVerify(verify)}
          testId="track-verify-form"
        />
      )}
    </Stack>
  );
}

function ResultError({
  error,
  code,
  onSearch,
  onRetry,
}: {
  error: unknown;
  code: string;
  onSearch: (code: string, verify: string) => void;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    return (
      <Stack gap="md">
        <Alert
          color="orange"
          icon={<IconAlertTriangle aria-hidden />}
          title={t('track.notFound')}
          data-testid="track-not-found"
        >
          {t('track.notFoundHelp')}
        </Alert>
        <TrackForm initialCode={code} onSubmit={onSearch} title={t('track.tryAgain')} testId="track-form" />
      </Stack>
    );
  }
  if (error instanceof ApiError && error.status === 429) {
    return (
      <Alert
        color="orange"
        icon={<IconClockHour4 aria-hidden />}
        title={t('track.rateLimited')}
        data-testid="track-rate-limited"
      >
        {t('track.rateLimitedHelp')}
      </Alert>
    );
  }
  return <QueryError error={error} onRetry={onRetry} />;
}

export function TrackPage() {
  const { t } = useTranslation();
  const params = useParams();
  const code = params.code?.trim() || undefined;
  const location = useLocation();
  const navigate = useNavigate();
  // The second factor stays in memory (and the history entry's state): never in the address or a log.
  const [verify, setVerify] = useState(() => readVerify(location.state));
  const factor: SecondFactor | null = verify ? parseSecondFactor(verify) : null;
  const query = useTrack(code, factor);

  usePageTitle(code ? t('track.resultPageTitle', { code }) : t('track.title'));

  useEffect(() => {
    setVerify(readVerify(location.state));
  }, [location.state]);

  useEffect(() => {
    if (code) void loadRating();
  }, [code]);

  const search = (nextCode: string, nextVerify: string) => {
    // The same question again: ask the server again rather than show the remembered answer.
    if (nextCode === code && nextVerify === verify) {
      void query.refetch();
      return;
    }
    setVerify(nextVerify);
    navigate(`/track/${encodeURIComponent(nextCode)}`, {
      state: { verify: nextVerify } satisfies TrackState,
    });
  };

  return (
    <Stack gap="lg" maw={720} mx="auto" data-testid="track-page">
      <div>
        <Title order={1}>{t('track.title')}</Title>
        {!code && (
          <Text c="dimmed" mt={4}>
            {t('track.intro')}
          </Text>
        )}
      </div>

      {!code && <TrackForm onSubmit={search} testId="track-form" />}

      {code && (
        <Box
          component="section"
          aria-labelledby="track-result-title"
          aria-live="polite"
          aria-busy={query.isFetching}
          data-testid="track-result"
        >
          <Title order={2} id="track-result-title" className="visually-hidden">
            {t('track.resultTitle')}
          </Title>
          {query.isPending ? (
            <Loading />
          ) : query.isError ? (
            <ResultError error={query.error} code={code} onSearch={search} onRetry={() => query.refetch()} />
          ) : (
            <Result data={query.data} factor={factor} onVerify={setVerify} />
          )}
        </Box>
      )}

      {code && (
        <div>
          <Anchor component={Link} to="/track" data-testid="track-another">
            <IconArrowLeft size={16} aria-hidden style={{ verticalAlign: 'text-bottom' }} />{' '}
            {t('track.another')}
          </Anchor>
        </div>
      )}
    </Stack>
  );
}
