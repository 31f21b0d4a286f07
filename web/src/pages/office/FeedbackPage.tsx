import {
  Accordion,
  Alert,
  Badge,
  Button,
  Group,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconCheck, IconClockHour4, IconMessageReply, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../api/client';
import {
  FEEDBACK_STATUSES,
  type StaffFeedback,
  useAnswerFeedback,
  useSetFeedbackStatus,
  useStaffFeedback,
} from '../../api/feedback';
import { Loading, QueryError } from '../../components/common';
import { formatDateTime } from '../../lib/format';
import { notify } from '../../lib/notify';
import { usePageTitle } from '../../lib/usePageTitle';
import { useCategoryLabel } from '../FeedbackPage';

const STATUS_COLOR: Record<string, string> = {
  open: 'blue',
  in_progress: 'orange',
  answered: 'green',
  closed: 'gray',
};

const ANSWER_MIN = 5;

function isOverdue(item: StaffFeedback, now: number): boolean {
  return (item.status === 'open' || item.status === 'in_progress') && new Date(item.dueAt).getTime() < now;
}

function Due({ item, now }: { item: StaffFeedback; now: number }) {
  const { t, i18n } = useTranslation();
  const overdue = isOverdue(item, now);
  return (
    <Text
      size="sm"
      component="span"
      className={overdue ? 'feedback-overdue' : undefined}
      data-overdue={overdue}
    >
      {t('officeFeedback.due', { date: formatDateTime(item.dueAt, i18n.language) })}
      {overdue ? ` (${t('officeFeedback.overdue')})` : ''}
    </Text>
  );
}

function ItemPanel({ item }: { item: StaffFeedback }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string | null>(null);
  const answerMutation = useAnswerFeedback();
  const statusMutation = useSetFeedbackStatus();
  const busy = answerMutation.isPending || statusMutation.isPending;
  const submitter = item.submitter ?? {};
  const answerId = `feedback-answer-${item.id}`;

  const onFailed = (failure: unknown) => {
    if (failure instanceof ApiError) {
      const fields = failure.fieldErrors();
      setError(fields.answer ?? errorMessage(failure));
    } else setError(errorMessage(failure));
  };

  const sendAnswer = () => {
    const value = answer.trim();
    if (value.length < ANSWER_MIN) {
      setError(t('officeFeedback.answerTooShort', { min: ANSWER_MIN }));
      document.getElementById(answerId)?.focus();
      return;
    }
    setError(null);
    answerMutation.mutate(
      { id: item.id, answer: value },
      {
        onSuccess: () => {
          setAnswer('');
          notify({ color: 'green', message: t('officeFeedback.answered') });
        },
        onError: onFailed,
      },
    );
  };

  const setStatus = (status: 'in_progress' | 'closed') => {
    setError(null);
    statusMutation.mutate(
      { id: item.id, status },
      {
        onSuccess: () => notify({ color: 'green', message: t(`officeFeedback.statusSet.${status}`) }),
        onError: onFailed,
      },
    );
  };

  return (
    <Stack gap="sm">
      <Text className="prewrap break-anywhere" data-testid="office-feedback-text">
        {item.text}
      </Text>
      <dl className="facts">
        <div className="facts-row">
          <dt>{t('officeFeedback.submitter')}</dt>
          <dd className="break-anywhere">
            {[submitter.name, submitter.phone, submitter.email].filter(Boolean).join(' · ') || '—'}
          </dd>
        </div>
        {item.dossierCode && (
          <div className="facts-row">
            <dt>{t('officeFeedback.dossierCode')}</dt>
            <dd className="break-anywhere" translate="no">
              {item.dossierCode}
            </dd>
          </div>
        )}
        <div className="facts-row">
          <dt>{t('officeFeedback.createdAt')}</dt>
          <dd>{formatDateTime(item.createdAt, lang)}</dd>
        </div>
        <div className="facts-row">
          <dt>{t('officeFeedback.publishConsent')}</dt>
          <dd>{item.publishConsent ? t('common.yes') : t('common.no')}</dd>
        </div>
      </dl>
      {item.answer && (
        <div className="feedback-answer" style={{ paddingInlineStart: 'var(--mantine-spacing-sm)' }}>
          <Text fw={600} size="sm">
            {t('officeFeedback.currentAnswer')}
            {item.answeredAt ? ` · ${formatDateTime(item.answeredAt, lang)}` : ''}
          </Text>
          <Text className="prewrap break-anywhere" data-testid="office-feedback-answer">
            {item.answer}
          </Text>
        </div>
      )}
      {item.status !== 'closed' && (
        <>
          <Textarea
            id={answerId}
            label={item.answer ? t('officeFeedback.newAnswer') : t('officeFeedback.answer')}
            value={answer}
            onChange={(e) => setAnswer(e.currentTarget.value)}
            error={error}
            autosize
            minRows={3}
            maxRows={10}
            maxLength={5000}
            data-testid="office-feedback-answer-input"
          />
          <Group gap="xs">
            <Button
              onClick={sendAnswer}
              loading={answerMutation.isPending}
              disabled={busy && !answerMutation.isPending}
              leftSection={<IconMessageReply size={16} aria-hidden />}
              data-testid="office-feedback-reply"
            >
              {t('officeFeedback.reply')}
            </Button>
            {item.status === 'open' && (
              <Button
                variant="light"
                onClick={() => setStatus('in_progress')}
                disabled={busy}
                leftSection={<IconClockHour4 size={16} aria-hidden />}
                data-testid="office-feedback-in-progress"
              >
                {t('officeFeedback.markInProgress')}
              </Button>
            )}
            <Button
              variant="light"
              color="gray"
              onClick={() => setStatus('closed')}
              disabled={busy}
              leftSection={<IconX size={16} aria-hidden />}
              data-testid="office-feedback-close"
            >
              {t('officeFeedback.close')}
            </Button>
          </Group>
        </>
      )}
      {item.status === 'closed' && error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
    </Stack>
  );
}

export default function OfficeFeedbackPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const query = useStaffFeedback(status);
  const categoryLabel = useCategoryLabel();
  const now = Date.now();
  usePageTitle(t('officeFeedback.title'));

  return (
    <Stack gap="md" maw={960} data-testid="office-feedback-page">
      <Title order={1}>{t('officeFeedback.title')}</Title>
      <NativeSelect
        label={t('officeFeedback.statusFilter')}
        value={status}
        onChange={(e) => setStatus(e.currentTarget.value)}
        data={[
          { value: '', label: t('officeFeedback.allStatuses') },
          ...FEEDBACK_STATUSES.map((s) => ({ value: s, label: t(`officeFeedback.status.${s}`) })),
        ]}
        maw={320}
        data-testid="office-feedback-filter"
      />
      <section aria-labelledby="office-feedback-list-title" aria-busy={query.isFetching}>
        <Title order={2} id="office-feedback-list-title" className="visually-hidden">
          {t('officeFeedback.listTitle')}
        </Title>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => query.refetch()} />
        ) : query.data.length === 0 ? (
          <Text c="dimmed" data-testid="office-feedback-empty">
            {t('officeFeedback.empty')}
          </Text>
        ) : (
          <Accordion variant="separated" order={3} chevronPosition="right">
            {query.data.map((item) => (
              <Accordion.Item
                key={item.id}
                value={item.id}
                data-testid="office-feedback-item"
                data-status={item.status}
              >
                <Accordion.Control>
                  <span className="feedback-control">
                    <span className="feedback-control-head">
                      <Text fw={600} component="span">
                        {categoryLabel(item.category)}
                      </Text>
                      <Badge
                        component="span"
                        color={STATUS_COLOR[item.status] ?? 'gray'}
                        variant="light"
                        radius="sm"
                        style={{ textTransform: 'none' }}
                        data-testid="office-feedback-status"
                      >
                        {item.status === 'answered' && <IconCheck size={12} aria-hidden />}{' '}
                        {t(`officeFeedback.status.${item.status}`, { defaultValue: item.status })}
                      </Badge>
                    </span>
                    <Text size="sm" lineClamp={2} component="span" className="break-anywhere">
                      {item.text}
                    </Text>
                    <Due item={item} now={now} />
                  </span>
                </Accordion.Control>
                <Accordion.Panel>
                  <ItemPanel item={item} />
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        )}
      </section>
    </Stack>
  );
}
