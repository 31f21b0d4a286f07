import {
  Alert,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GRADES, type Grade, weekStartOf } from '../../../../src/domain/staff/evaluation';
import { useMe } from '../../api/auth';
import { errorMessage } from '../../api/client';
import {
  downloadEvaluationSummary,
  gradeWeek,
  submitWeekReport,
  useEvaluationWeek,
  useMyEvaluations,
  type WeekEntry,
} from '../../api/staff';
import { FailureAlert, QueryError } from '../../components/common';
import { todayInVietnam } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useDownload } from '../../lib/useDownload';
import { usePageTitle } from '../../lib/usePageTitle';

/** The measured facts of a week, in one line. */
function FactsLine({ entry }: { entry: WeekEntry }) {
  const { t } = useTranslation();
  return (
    <Text size="xs" c="dimmed">
      {t('evaluation.factsLine', { ...entry.facts })}
    </Text>
  );
}

/** One officer's row in the leader's week: the report, the facts, the grade being given. */
function GradeRow({ entry, unit, week }: { entry: WeekEntry; unit: string; week: string }) {
  const { t } = useTranslation();
  const [grade, setGrade] = useState<Grade | ''>(entry.grade ?? '');
  const [comment, setComment] = useState(entry.comment ?? '');
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () =>
      gradeWeek(week, entry.officer.username, {
        unitCode: unit,
        grade: grade as Grade,
        ...(comment ? { comment } : {}),
      }),
    onSuccess: () => {
      notify({ color: 'green', message: t('evaluation.graded', { name: entry.officer.fullName }) });
      void queryClient.invalidateQueries({ queryKey: ['evaluations'] });
    },
  });
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={400}>
        {entry.officer.fullName}
        <Text size="xs" c="dimmed">
          {entry.officer.username}
        </Text>
      </Table.Th>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {entry.tasks ?? t('evaluation.noReport')}
        </Text>
        <FactsLine entry={entry} />
      </Table.Td>
      <Table.Td miw={260}>
        <Stack gap={4}>
          <NativeSelect
            aria-label={`${t('evaluation.grade')} ${entry.officer.fullName}`}
            data={[
              { value: '', label: '—' },
              ...GRADES.map((g) => ({ value: g, label: t(`evaluation.grades.${g}`) })),
            ]}
            value={grade}
            onChange={(e) => setGrade(e.currentTarget.value as Grade | '')}
          />
          <TextInput
            aria-label={`${t('evaluation.comment')} ${entry.officer.fullName}`}
            placeholder={t('evaluation.comment')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          <Button size="compact-sm" disabled={!grade} loading={save.isPending} onClick={() => save.mutate()}>
            {t('evaluation.save')}
          </Button>
          {save.isError && (
            <Text size="xs" c="red" role="alert">
              {errorMessage(save.error)}
            </Text>
          )}
          {entry.gradedByName && (
            <Text size="xs" c="dimmed">
              {entry.gradedByName}
            </Text>
          )}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * Weekly evaluation: the officer writes the week's report and sees past grades; the leader sees
 * each officer's report and measured facts, grades A–D, and exports the monthly or quarterly summary.
 */
export default function EvaluationPage() {
  const { t } = useTranslation();
  usePageTitle(t('evaluation.title'));
  const me = useMe().data;
  const mine = useMyEvaluations();
  const leaderUnits = useMemo(() => {
    const out = new Map<string, string>();
    for (const r of me?.roles ?? [])
      if (r.unitCode && r.role === 'leader') out.set(r.unitCode, r.unitName ?? r.unitCode);
    return [...out].map(([code, name]) => ({ code, name }));
  }, [me]);
  const [week, setWeek] = useState(weekStartOf(todayInVietnam()));
  const monday = /^\d{4}-\d{2}-\d{2}$/.test(week) ? weekStartOf(week) : weekStartOf(todayInVietnam());
  const ownUnit = mine.data?.units[0]?.code ?? '';
  const [tasks, setTasks] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const submit = useMutation({
    mutationFn: () => submitWeekReport(monday, { unitCode: ownUnit, tasks }),
    onSuccess: () => {
      setFailure(null);
      notify({ color: 'green', message: t('evaluation.submitted') });
      void queryClient.invalidateQueries({ queryKey: ['evaluations'] });
    },
    onError: (e) => setFailure(errorMessage(e)),
  });
  const [leaderUnitChoice, setLeaderUnitChoice] = useState('');
  const leaderUnit = leaderUnits.some((u) => u.code === leaderUnitChoice)
    ? leaderUnitChoice
    : (leaderUnits[0]?.code ?? '');
  const weekEntries = useEvaluationWeek(leaderUnit, monday, leaderUnits.length > 0);
  const [by, setBy] = useState<'month' | 'quarter'>('month');
  const download = useDownload(downloadEvaluationSummary);

  return (
    <Stack gap="md" maw={1200}>
      <Title order={1}>{t('evaluation.title')}</Title>
      <TextInput
        type="date"
        label={t('evaluation.week')}
        value={week}
        onChange={(e) => setWeek(e.currentTarget.value)}
        maw={240}
      />
      <FailureAlert message={failure} />
      {mine.isError && <QueryError error={mine.error} onRetry={() => void mine.refetch()} />}
      {mine.data && mine.data.units.length > 0 && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('evaluation.myWeek')} ({monday})
            </Title>
            <Textarea
              label={t('evaluation.tasks')}
              autosize
              minRows={4}
              value={tasks}
              onChange={(e) => setTasks(e.currentTarget.value)}
            />
            <Group>
              <Button
                onClick={() => submit.mutate()}
                loading={submit.isPending}
                disabled={tasks.trim().length < 5}
              >
                {t('evaluation.submit')}
              </Button>
            </Group>
            <Title order={3} size="h5">
              {t('evaluation.history')}
            </Title>
            <Table striped fz="sm" data-testid="my-evaluations">
              <Table.Tbody>
                {mine.data.weeks.map((w) => (
                  <Table.Tr key={`${w.unitCode}-${w.weekStart}`}>
                    <Table.Td>{w.weekStart}</Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {w.tasks ?? t('evaluation.noReport')}
                      </Text>
                    </Table.Td>
                    <Table.Td>{w.grade ? <Badge>{t(`evaluation.grades.${w.grade}`)}</Badge> : '—'}</Table.Td>
                    <Table.Td>{w.comment}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        </Paper>
      )}
      {leaderUnits.length > 0 && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Group justify="space-between" align="flex-end" wrap="wrap">
              <Title order={2} size="h4">
                {t('evaluation.leader')} ({monday})
              </Title>
              <NativeSelect
                label={t('evaluation.unit')}
                data={leaderUnits.map((u) => ({ value: u.code, label: u.name }))}
                value={leaderUnit}
                onChange={(e) => setLeaderUnitChoice(e.currentTarget.value)}
              />
            </Group>
            {weekEntries.isError && (
              <QueryError error={weekEntries.error} onRetry={() => void weekEntries.refetch()} />
            )}
            <Table.ScrollContainer
              minWidth={800}
              type="native"
              tabIndex={0}
              role="region"
              aria-label={t('evaluation.leader')}
            >
              <Table striped withTableBorder fz="sm" data-testid="evaluation-week">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('evaluation.officer')}</Table.Th>
                    <Table.Th>
                      {t('evaluation.report')} / {t('evaluation.facts')}
                    </Table.Th>
                    <Table.Th>{t('evaluation.grade')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {weekEntries.data?.map((e) => (
                    <GradeRow
                      key={`${e.officer.username}-${monday}`}
                      entry={e}
                      unit={leaderUnit}
                      week={monday}
                    />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group align="flex-end" wrap="wrap">
              <SegmentedControl
                value={by}
                onChange={(v) => setBy(v as 'month' | 'quarter')}
                data={(['month', 'quarter'] as const).map((b) => ({
                  value: b,
                  label: t(`evaluation.by.${b}`),
                }))}
              />
              <Button
                variant="default"
                loading={download.isPending}
                onClick={() =>
                  download.mutate({
                    unit: leaderUnit,
                    from: `${monday.slice(0, 4)}-01-01`,
                    to: `${monday.slice(0, 4)}-12-31`,
                    by,
                  })
                }
              >
                {t('evaluation.export')}
              </Button>
            </Group>
            {download.failure && (
              <Alert color="red" role="alert">
                {download.failure}
              </Alert>
            )}
          </Stack>
        </Paper>
      )}
      {mine.data && mine.data.units.length === 0 && leaderUnits.length === 0 && (
        <Alert>{t('evaluation.none')}</Alert>
      )}
    </Stack>
  );
}
