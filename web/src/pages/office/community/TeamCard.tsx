// One community digital team on the community page: its members, adding one by username and removing one.
import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client';
import { addTeamMember, type DigitalTeam, removeTeamMember, type TeamMember } from '../../../api/community';
import { FailureAlert } from '../../../components/common';
import { notify } from '../../../lib/notify';
import { Confirm, fieldErrorsOf } from './common';

export function TeamCard({ team, onChanged }: { team: DigitalTeam; onChanged: () => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<TeamMember | null>(null);
  const titleId = `team-${team.id}`;
  const add = useMutation({
    mutationFn: () => addTeamMember(team.id, username.trim()),
    onSuccess: () => {
      setFailure(null);
      setError(null);
      notify({
        color: 'green',
        message: t('community.teams.memberAdded', { username: username.trim(), team: team.name }),
      });
      setUsername('');
      onChanged();
    },
    onError: (e) => {
      const fields = fieldErrorsOf(e, ['username']);
      setError(fields.username ?? null);
      setFailure(errorMessage(e));
    },
  });
  const remove = useMutation({
    mutationFn: (m: TeamMember) => removeTeamMember(team.id, m.username),
    onSuccess: (_, m) => {
      setConfirming(null);
      setFailure(null);
      notify({
        color: 'green',
        message: t('community.teams.memberRemoved', { username: m.username, team: team.name }),
      });
      onChanged();
    },
    onError: (e) => {
      setConfirming(null);
      setFailure(errorMessage(e));
      onChanged();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (username.trim()) add.mutate();
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId} data-testid="team">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={3} size="h5" id={titleId}>
            {team.name}
          </Title>
          <Text size="sm" c="dimmed">
            {t('community.teams.villageOf', { village: team.village })}
          </Text>
        </Stack>
        <FailureAlert message={failure} />
        <Text size="sm" fw={600}>
          {t('community.teams.members', { count: team.members.length })}
        </Text>
        {team.members.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('community.teams.noMembers')}
          </Text>
        ) : (
          <Stack gap={4} component="ul" className="plain-list" data-testid="team-members">
            {team.members.map((m) => (
              <Group key={m.username} component="li" justify="space-between" gap="xs" wrap="wrap">
                <Text size="sm">
                  {m.fullName}{' '}
                  <Text span c="dimmed" size="sm">
                    ({m.username}
                    {m.phone ? ` · ${m.phone}` : ''})
                  </Text>
                </Text>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  aria-label={t('community.teams.removeMemberLabel', { name: m.fullName, team: team.name })}
                  onClick={() => setConfirming(m)}
                >
                  {t('community.teams.removeMember')}
                </Button>
              </Group>
            ))}
          </Stack>
        )}
        <Group component="form" onSubmit={submit} align="flex-end" gap="xs" wrap="wrap">
          <TextInput
            label={t('community.teams.username')}
            value={username}
            error={error}
            onChange={(e) => setUsername(e.currentTarget.value)}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={100}
            w={260}
            maw="100%"
          />
          <Button type="submit" variant="light" loading={add.isPending} disabled={!username.trim()}>
            {t('community.teams.addMember')}
          </Button>
        </Group>
      </Stack>
      <Confirm
        opened={confirming !== null}
        title={t('community.teams.confirmTitle')}
        yes={t('community.teams.confirmYes')}
        busy={remove.isPending}
        onYes={() => confirming && remove.mutate(confirming)}
        onClose={() => setConfirming(null)}
      >
        {confirming &&
          t('community.teams.confirmText', {
            name: confirming.fullName,
            username: confirming.username,
            team: team.name,
          })}
      </Confirm>
    </Paper>
  );
}
