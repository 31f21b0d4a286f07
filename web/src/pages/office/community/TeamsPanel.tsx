// The digital teams tab of the community page: creating a village's community digital technology team, and the list of teams.
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client';
import { createDigitalTeam, useDigitalTeams } from '../../../api/community';
import { FailureAlert, QueryError } from '../../../components/common';
import { notify } from '../../../lib/notify';
import { fieldErrorsOf } from './common';
import { TeamCard } from './TeamCard';

const TEAM_FIELDS = ['name', 'village'] as const;

export function TeamsPanel({ unit }: { unit: string }) {
  const { t } = useTranslation();
  const teams = useDigitalTeams(unit);
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['community', 'teams'] });
  const [name, setName] = useState('');
  const [village, setVillage] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: () => createDigitalTeam({ unitCode: unit, name: name.trim(), village: village.trim() }),
    onSuccess: (team) => {
      setFailure(null);
      setErrors({});
      setName('');
      setVillage('');
      notify({ color: 'green', message: t('community.teams.created', { name: team.name }) });
      refresh();
    },
    onError: (e) => {
      setFailure(errorMessage(e));
      setErrors(fieldErrorsOf(e, TEAM_FIELDS));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  return (
    <Stack gap="md">
      <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="team-create">
        <Stack gap="sm">
          <Title order={2} size="h4" id="team-create">
            {t('community.teams.create')}
          </Title>
          <FailureAlert message={failure} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('community.teams.name')}
              placeholder={t('community.teams.namePlaceholder')}
              value={name}
              error={errors.name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
              maxLength={200}
            />
            <TextInput
              label={t('community.teams.village')}
              value={village}
              error={errors.village}
              onChange={(e) => setVillage(e.currentTarget.value)}
              required
              maxLength={200}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('community.teams.submit')}
            </Button>
          </Group>
        </Stack>
      </Paper>

      <Title order={2} size="h4">
        {t('community.teams.list')}
      </Title>
      <Alert color="blue" variant="light">
        <Text size="sm">{t('community.teams.memberHelp')}</Text>
      </Alert>
      {teams.isError && <QueryError error={teams.error} onRetry={() => void teams.refetch()} />}
      {teams.data?.length === 0 && <Text c="dimmed">{t('community.teams.empty')}</Text>}
      <Stack gap="sm" component="ul" className="plain-list" data-testid="teams">
        {(teams.data ?? []).map((team) => (
          <li key={team.id}>
            <TeamCard team={team} onChanged={refresh} />
          </li>
        ))}
      </Stack>
    </Stack>
  );
}
