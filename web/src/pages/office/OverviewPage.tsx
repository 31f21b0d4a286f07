import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../api/auth';
import { hasAnyRole, OFFICE_MENU } from '../../auth/roles';
import { usePageTitle } from '../../lib/usePageTitle';
import { TableHead } from '../../components/DataTable';

export default function OverviewPage() {
  const { t } = useTranslation();
  usePageTitle(t('office.menu.overview'));
  const me = useMe().data;
  if (!me) return null;
  const links = OFFICE_MENU.filter((item) => !item.end && hasAnyRole(me, item.roles));

  return (
    <Stack gap="lg" maw={1000}>
      <Title order={1}>{t('office.menu.overview')}</Title>
      <Card withBorder padding="lg" data-testid="welcome-card">
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('office.welcome', { name: me.fullName })}
          </Title>
          <Text c="dimmed" size="sm">
            {t('office.signedInAs', { username: me.username })}
          </Text>
          <Title order={3} size="h5" mt="xs">
            {t('office.yourRoles')}
          </Title>
          {me.roles.length === 0 ? (
            <Text>{t('office.noRoles')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={360}>
              <Table withTableBorder verticalSpacing="xs">
                <TableHead columns={[t('users.role'), t('users.unit')]} />
                <Table.Tbody>
                  {me.roles.map((role) => (
                    <Table.Tr key={`${role.role}-${role.unitCode}`}>
                      <Table.Td>
                        <Badge variant="light" radius="sm" style={{ textTransform: 'none' }}>
                          {t(`role.${role.role}`, { defaultValue: role.role })}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {role.unitName ?? role.unitCode ?? '—'}
                        {role.includeDescendants && (
                          <Text component="span" size="sm" c="dimmed">
                            {' '}
                            ({t('users.includeDescendantsShort')})
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Card>
      {links.length > 0 && (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {links.map((item) => (
            <Card key={item.to} withBorder component={Link} to={item.to} padding="md">
              <Group justify="space-between">
                <Text fw={600} c="brand.8">
                  {t(item.labelKey)}
                </Text>
              </Group>
              <Text size="sm" c="dimmed" mt={4}>
                {t(`office.menuHelp.${item.icon}`)}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
