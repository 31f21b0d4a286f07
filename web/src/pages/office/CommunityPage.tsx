import { Anchor, Group, NativeSelect, Stack, Tabs, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../../api/auth';
import { useUnits } from '../../api/public';
import type { Me } from '../../api/auth';
import type { Unit } from '../../api/public';
import { COMMUNITY_ROLES, coveredUnits } from '../../auth/roles';
import { usePageTitle } from '../../lib/usePageTitle';
import { ServiceDaysPanel } from './community/ServiceDaysPanel';
import { TeamsPanel } from './community/TeamsPanel';

/** The units where the user may schedule days and manage teams, with the units below a role that covers them. */
const communityUnits = (me: Me | null | undefined, all: Unit[] | undefined) =>
  coveredUnits(me, all, COMMUNITY_ROLES);

/**
 * The community side of a unit (issue 7 §6), for its leaders and administrators: the
 * no-appointment and no-writing days it announces to citizens, and the community digital
 * technology teams of its villages, whose members submit online dossiers for citizens.
 */
export default function CommunityPage() {
  const { t } = useTranslation();
  usePageTitle(t('community.title'));
  const me = useMe().data;
  const allUnits = useUnits();
  const units = useMemo(() => communityUnits(me, allUnits.data), [me, allUnits.data]);
  const [unitChoice, setUnitChoice] = useState('');
  const unit = units.some((u) => u.code === unitChoice) ? unitChoice : (units[0]?.code ?? '');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'teams' ? 'teams' : 'days';

  return (
    <Stack gap="md" maw={1200}>
      <Title order={1}>{t('community.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('community.intro')}
      </Text>
      <Group align="flex-end" gap="md" wrap="wrap">
        <NativeSelect
          label={t('community.unit')}
          data={units.map((u) => ({ value: u.code, label: u.name }))}
          value={unit}
          onChange={(e) => setUnitChoice(e.currentTarget.value)}
          w={360}
          maw="100%"
        />
        {unit && (
          <Anchor component={Link} to={`/units/${encodeURIComponent(unit)}`} size="sm" pb={8}>
            {t('community.publicPage')}
          </Anchor>
        )}
      </Group>
      <Tabs
        value={tab}
        onChange={(v) => setParams(v === 'teams' ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          <Tabs.Tab value="days">{t('community.tabs.days')}</Tabs.Tab>
          <Tabs.Tab value="teams">{t('community.tabs.teams')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="days" pt="md">
          {unit && <ServiceDaysPanel key={unit} unit={unit} />}
        </Tabs.Panel>
        <Tabs.Panel value="teams" pt="md">
          {unit && <TeamsPanel key={unit} unit={unit} />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
