import { Alert, Box, Button, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconMoodEmpty,
  IconMoodHappy,
  IconMoodSad,
  IconMoodSmile,
  IconSend,
} from '@tabler/icons-react';
import { type ComponentType, type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../api/client';
import {
  COMMENT_MAX,
  RATING_CRITERIA,
  RATING_LEVELS,
  type RatingCriteria,
  type RatingCriterion,
  type RatingLevel,
  type SecondFactor,
  type TrackRating,
  type TrackResult,
  useRateDossier,
} from '../api/track';
import { formatDateTime } from '../lib/format';

const LEVEL_ICON: Record<RatingLevel, ComponentType<{ size?: number; 'aria-hidden'?: boolean }>> = {
  very_satisfied: IconMoodHappy,
  satisfied: IconMoodSmile,
  neutral: IconMoodEmpty,
  not_satisfied: IconMoodSad,
};

/**
 * One question as a native radio group in a fieldset, its legend the question: arrow keys move
 * between the choices, and screen readers announce the question with each choice.
 */
function LevelChoices({
  name,
  legend,
  value,
  onChange,
  required = false,
  big = false,
  error,
  testId,
}: {
  name: string;
  legend: string;
  value: RatingLevel | undefined;
  onChange: (value: RatingLevel | undefined) => void;
  required?: boolean;
  big?: boolean;
  error?: string | null;
  testId: string;
}) {
  const { t } = useTranslation();
  const errorId = useId();
  return (
    <fieldset
      className="rating-fieldset"
      aria-describedby={error ? errorId : undefined}
      data-testid={testId}
      data-invalid={error ? true : undefined}
    >
      <legend className="rating-legend">
        {legend}
        {required ? (
          <span className="rating-required" aria-hidden>
            {' *'}
          </span>
        ) : (
          <span className="rating-optional"> {t('track.rating.optional')}</span>
        )}
      </legend>
      <div className={big ? 'rating-choices rating-choices-big' : 'rating-choices'}>
        {RATING_LEVELS.map((level) => {
          const Icon = LEVEL_ICON[level];
          return (
            <label key={level} className="rating-choice" data-level={level}>
              <input
                type="radio"
                name={name}
                value={level}
                checked={value === level}
                required={required}
                aria-invalid={error ? true : undefined}
                onChange={() => onChange(level)}
                data-testid={`${testId}-${level}`}
              />
              <Icon size={big ? 28 : 20} aria-hidden />
              <span>{t(`track.rating.level.${level}`)}</span>
            </label>
          );
        })}
      </div>
      {!required && value && (
        <Button
          variant="subtle"
          size="compact-sm"
          mt={4}
          onClick={() => onChange(undefined)}
          data-testid={`${testId}-clear`}
        >
          {t('track.rating.clear', { question: legend })}
        </Button>
      )}
      {error && (
        <Text id={errorId} c="var(--mantine-color-error)" size="sm" mt={6} role="alert">
          {error}
        </Text>
      )}
    </fieldset>
  );
}

/** The recorded rating, read-only. */
function RatingView({ rating }: { rating: TrackRating }) {
  const { t, i18n } = useTranslation();
  const criteria = rating.criteria ?? {};
  const rows: { key: string; label: string; value: string }[] = [
    { key: 'level', label: t('track.rating.overall'), value: t(`track.rating.level.${rating.level}`) },
    ...RATING_CRITERIA.map((criterion) => {
      const level = criteria[criterion];
      return {
        key: criterion,
        label: t(`track.rating.criteria.${criterion}`),
        value: level ? t(`track.rating.level.${level}`) : t('track.rating.notGiven'),
      };
    }),
    ...(rating.comment ? [{ key: 'comment', label: t('track.rating.comment'), value: rating.comment }] : []),
    {
      key: 'created-at',
      label: t('track.rating.ratedAt'),
      value: formatDateTime(rating.createdAt, i18n.language),
    },
  ];
  return (
    <dl className="facts" data-testid="rating-view" data-level={rating.level}>
      {rows.map((row) => (
        <div key={row.key} className="facts-row" data-testid={`rating-view-${row.key}`}>
          <dt>{row.label}</dt>
          <dd className={row.key === 'comment' ? 'prewrap break-anywhere' : undefined}>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function submitErrorText(error: unknown, t: (key: string) => string): { title: string; body?: string } {
  if (error instanceof ApiError) {
    if (error.status === 409) return { title: t('track.rating.alreadyRated') };
    if (error.status === 422) return { title: t('track.rating.notReturned') };
    if (error.status === 404) return { title: t('track.notFound'), body: t('track.notFoundHelp') };
    if (error.status === 429) return { title: t('track.rateLimited'), body: t('track.rateLimitedHelp') };
    if (error.status === 400) return { title: t('track.rating.invalid'), body: errorMessage(error) };
  }
  return { title: t('track.rating.failed'), body: errorMessage(error) };
}

function RatingForm({ rate }: { rate: ReturnType<typeof useRateDossier> }) {
  const { t } = useTranslation();
  const name = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [level, setLevel] = useState<RatingLevel | undefined>();
  const [criteria, setCriteria] = useState<RatingCriteria>({});
  const [comment, setComment] = useState('');
  const [levelError, setLevelError] = useState<string | null>(null);

  const setCriterion = (criterion: RatingCriterion, value: RatingLevel | undefined) =>
    setCriteria((old) => {
      const next = { ...old };
      if (value) next[criterion] = value;
      else delete next[criterion];
      return next;
    });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!level) {
      setLevelError(t('track.rating.levelRequired'));
      formRef.current?.querySelector<HTMLInputElement>('input[type="radio"]')?.focus();
      return;
    }
    setLevelError(null);
    const text = comment.trim();
    rate.mutate({
      level,
      ...(Object.keys(criteria).length > 0 ? { criteria } : {}),
      ...(text ? { comment: text } : {}),
    });
  };

  const failure = rate.isError ? submitErrorText(rate.error, t) : null;

  return (
    <form ref={formRef} noValidate onSubmit={submit} data-testid="rating-form">
      <Stack gap="md">
        <Text size="sm">{t('track.rating.intro')}</Text>
        <LevelChoices
          name={`${name}-level`}
          legend={t('track.rating.overall')}
          value={level}
          onChange={(value) => {
            setLevel(value);
            if (value) setLevelError(null);
          }}
          required
          big
          error={levelError}
          testId="rating-level"
        />
        {RATING_CRITERIA.map((criterion) => (
          <LevelChoices
            key={criterion}
            name={`${name}-${criterion}`}
            legend={t(`track.rating.criteria.${criterion}`)}
            value={criteria[criterion]}
            onChange={(value) => setCriterion(criterion, value)}
            testId={`rating-${criterion}`}
          />
        ))}
        <Textarea
          label={t('track.rating.commentOptional')}
          description={t('track.rating.commentHelp', { count: comment.length, max: COMMENT_MAX })}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
          maxLength={COMMENT_MAX}
          autosize
          minRows={3}
          maxRows={8}
          data-testid="rating-comment"
        />
        {failure && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle aria-hidden />}
            title={failure.title}
            role="alert"
            data-testid="rating-error"
          >
            {failure.body}
          </Alert>
        )}
        <div>
          <Button
            type="submit"
            size="md"
            loading={rate.isPending}
            leftSection={<IconSend size={18} aria-hidden />}
            data-testid="rating-submit"
          >
            {t('track.rating.submit')}
          </Button>
        </div>
      </Stack>
    </form>
  );
}

/**
 * The satisfaction rating of a returned dossier: the form while the applicant may rate, the
 * recorded rating afterwards (with thanks right after rating, or a notice when it was rated meanwhile).
 */
export function RatingSection({ data, factor }: { data: TrackResult; factor: SecondFactor | null }) {
  const { t } = useTranslation();
  const titleId = useId();
  // Here rather than in the form: the form goes when the rating comes, the outcome stays.
  const rate = useRateDossier(data.code, factor);
  const rating = data.rating ?? null;
  if (!rating && !data.canRate) return null;
  const alreadyRated = rate.error instanceof ApiError && rate.error.status === 409;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId} data-testid="rating-card">
      <Stack gap="md">
        <Title order={2} size="h3" id={titleId}>
          {t('track.rating.title')}
        </Title>
        {rating ? (
          <>
            {rate.isSuccess && (
              <Alert
                color="green"
                variant="light"
                icon={<IconCircleCheck aria-hidden />}
                title={t('track.rating.thanks')}
                role="status"
                data-testid="rating-thanks"
              >
                {t('track.rating.thanksHelp')}
              </Alert>
            )}
            {alreadyRated && (
              <Alert
                color="orange"
                variant="light"
                icon={<IconAlertTriangle aria-hidden />}
                title={t('track.rating.alreadyRated')}
                role="alert"
                data-testid="rating-error"
              >
                {t('track.rating.alreadyRatedHelp')}
              </Alert>
            )}
            <Box>
              <Text fw={600} mb={4}>
                {t('track.rating.recorded')}
              </Text>
              <RatingView rating={rating} />
            </Box>
          </>
        ) : (
          <RatingForm rate={rate} />
        )}
      </Stack>
    </Paper>
  );
}
