import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  Paper,
  PasswordInput,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconPlus, IconShieldCheck, IconTrash, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminKeys, createUser, updateUser, useAdminUsers } from '../../api/admin';
import { useMe } from '../../api/auth';
import { ApiError, errorMessage } from '../../api/client';
import { useUnits } from '../../api/public';
import { useResetUserTotp } from '../../api/totp';
import type { AdminUser } from '../../api/admin';
import type { Role } from '../../api/auth';
import { STAFF_ROLES } from '../../../../src/domain/access';
import { QueryError } from '../../components/common';
import { usePageTitle } from '../../lib/usePageTitle';
import { unitOptions } from '../../lib/catalog';
import { notify } from '../../lib/notify';
import { TableHead } from '../../components/DataTable';

interface RoleRow {
  role: Role;
  unitCode: string;
  includeDescendants: boolean;
}

function errorAt(errors: Record<string, string>, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const key = Object.keys(errors).find((k) => k.startsWith(`${path}.`));
  return key ? errors[key] : undefined;
}

function CreateUserForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const units = useUnits();
  const unitData = [{ value: '', label: t('users.chooseUnit') }, ...unitOptions(units.data ?? [])];
  const [username, setUsername] = useState('');
  const [fullName, setFullName] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<RoleRow[]>([
    { role: 'receptionist', unitCode: '', includeDescendants: false },
  ]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);

  const setRole = (index: number, patch: Partial<RoleRow>) =>
    setRoles((rows) => rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const create = useMutation({
    mutationFn: () =>
      createUser({
        username: username.trim(),
        fullName: fullName.trim(),
        password,
        roles: roles.map((r) => ({
          role: r.role,
          unitCode: r.unitCode,
          includeDescendants: r.includeDescendants,
        })),
      }),
    onSuccess: async () => {
      notify({ color: 'green', message: t('users.created', { username: username.trim() }) });
      await queryClient.invalidateQueries({ queryKey: adminKeys.users });
      onDone();
    },
    onError: (error) => {
      const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};
      if (error instanceof ApiError && error.code === 'username_taken' && !fieldErrors.username) {
        fieldErrors.username = error.problem.detail ?? t('users.usernameTaken');
      }
      setErrors(fieldErrors);
      setFailure(
        error instanceof ApiError && error.code === 'validation_failed' && Object.keys(fieldErrors).length > 0
          ? t('editor.fixErrors')
          : errorMessage(error),
      );
    },
  });

  return (
    <form
      noValidate
      data-testid="user-form"
      onSubmit={(event) => {
        event.preventDefault();
        const local: Record<string, string> = {};
        if (!username.trim()) local.username = t('editor.required');
        if (!fullName.trim()) local.fullName = t('editor.required');
        if (!password) local.password = t('editor.required');
        roles.forEach((r, i) => {
          if (!r.unitCode) local[`roles.${i}.unitCode`] = t('editor.required');
        });
        setErrors(local);
        setFailure(null);
        if (Object.keys(local).length === 0) create.mutate();
      }}
    >
      <Stack gap="sm">
        {failure && (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {failure}
          </Alert>
        )}
        <TextInput
          label={t('login.username')}
          required
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          error={errors.username}
          data-autofocus
        />
        <TextInput
          label={t('users.fullName')}
          required
          value={fullName}
          onChange={(e) => setFullName(e.currentTarget.value)}
          error={errors.fullName}
        />
        <PasswordInput
          label={t('login.password')}
          description={t('users.passwordHelp')}
          required
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.password}
          visibilityToggleButtonProps={{ 'aria-label': t('login.togglePassword') }}
        />
        <Text fw={500} size="sm" mt="xs" id="roles-label">
          {t('users.roles')}
        </Text>
        {errors.roles && (
          <Text c="red.8" size="sm">
            {errors.roles}
          </Text>
        )}
        {roles.map((row, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
          <Paper key={index} withBorder p="sm" component="fieldset" className="row-fieldset">
            <legend className="visually-hidden">{t('users.roleRow', { n: index + 1 })}</legend>
            <Stack gap="xs">
              <Group align="flex-start" gap="sm" wrap="nowrap">
                <NativeSelect
                  label={t('users.role')}
                  data={STAFF_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                  value={row.role}
                  onChange={(e) => setRole(index, { role: e.currentTarget.value as Role })}
                  error={errorAt(errors, `roles.${index}.role`)}
                  style={{ flex: 1 }}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  mt={26}
                  disabled={roles.length <= 1}
                  aria-label={t('users.removeRole', { n: index + 1 })}
                  onClick={() => setRoles((rows) => rows.filter((_, i) => i !== index))}
                >
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              </Group>
              <NativeSelect
                label={t('users.unit')}
                data={unitData}
                value={row.unitCode}
                onChange={(e) => setRole(index, { unitCode: e.currentTarget.value })}
                error={errorAt(errors, `roles.${index}.unitCode`) ?? errors[`roles.${index}`]}
              />
              <Checkbox
                label={t('users.includeDescendants')}
                checked={row.includeDescendants}
                onChange={(e) => setRole(index, { includeDescendants: e.currentTarget.checked })}
              />
            </Stack>
          </Paper>
        ))}
        <div>
          <Button
            variant="light"
            size="compact-md"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() =>
              setRoles((rows) => [...rows, { role: 'officer', unitCode: '', includeDescendants: false }])
            }
          >
            {t('users.addRole')}
          </Button>
        </div>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('users.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export default function UsersPage() {
  const { t } = useTranslation();
  usePageTitle(t('users.title'));
  const queryClient = useQueryClient();
  const me = useMe().data;
  const users = useAdminUsers();
  const [creating, setCreating] = useState(false);
  // A system administrator resets a lost second factor (issue 14 §4; the server audits it).
  const isSystemAdmin = Boolean(me?.roles.some((r) => r.role === 'system_admin'));
  const [resetting, setResetting] = useState<AdminUser | null>(null);
  const resetTotp = useResetUserTotp();

  const toggle = useMutation({
    mutationFn: (user: AdminUser) => updateUser(user.id, { disabled: !user.disabled }),
    onSuccess: async (_data, user) => {
      notify({
        color: 'green',
        message: user.disabled
          ? t('users.enabled', { username: user.username })
          : t('users.disabledDone', { username: user.username }),
      });
      await queryClient.invalidateQueries({ queryKey: adminKeys.users });
    },
    onError: (error) => notify({ color: 'red', title: t('errors.title'), message: errorMessage(error) }),
  });

  return (
    <Stack gap="md" maw={1200}>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('users.title')}</Title>
        <Button leftSection={<IconUserPlus size={18} aria-hidden />} onClick={() => setCreating(true)}>
          {t('users.new')}
        </Button>
      </Group>
      {users.isError && <QueryError error={users.error} onRetry={() => users.refetch()} />}
      {users.isPending && <Skeleton height={240} />}
      {users.data && (
        <Table striped withTableBorder verticalSpacing="sm" className="stack-table" data-testid="users-table">
          <TableHead
            columns={[t('login.username'), t('users.fullName'), t('users.roles'), t('users.status')]}
            actions={t('common.actions')}
          />
          <Table.Tbody>
            {users.data.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text c="dimmed" ta="center">
                    {t('users.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {users.data.map((user) => (
              <Table.Tr key={user.id} data-testid="user-row" data-username={user.username}>
                <Table.Td translate="no" data-label={t('login.username')}>
                  {user.username}
                </Table.Td>
                <Table.Td data-label={t('users.fullName')}>
                  {user.fullName}
                  {user.kind === 'citizen' && (
                    <Text component="span" size="sm" c="dimmed">
                      {' '}
                      ({t('role.citizen')})
                    </Text>
                  )}
                </Table.Td>
                <Table.Td data-label={t('users.roles')}>
                  <Stack gap={4}>
                    {user.roles.map((r) => (
                      <Text size="sm" key={`${r.role}-${r.unitCode}`}>
                        <Text component="span" fw={500} size="sm">
                          {t(`role.${r.role}`, { defaultValue: r.role })}
                        </Text>
                        {(r.unitName || r.unitCode) && ` — ${r.unitName ?? r.unitCode}`}
                        {r.includeDescendants && ` (${t('users.includeDescendantsShort')})`}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td data-label={t('users.status')} className="cell-nowrap">
                  <Badge
                    color={user.disabled ? 'gray' : 'green'}
                    variant="light"
                    radius="sm"
                    style={{ textTransform: 'none' }}
                  >
                    {user.disabled ? t('users.disabled') : t('users.active')}
                  </Badge>
                  {user.totpEnabled && (
                    <Badge
                      color="blue"
                      variant="light"
                      radius="sm"
                      ml={6}
                      leftSection={<IconShieldCheck size={14} aria-hidden />}
                      style={{ textTransform: 'none' }}
                      data-testid="user-totp-on"
                    >
                      {t('security.users.column')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    {isSystemAdmin && user.totpEnabled && (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="orange"
                        onClick={() => setResetting(user)}
                        aria-label={t('security.users.resetNamed', { username: user.username })}
                        data-testid="user-totp-reset"
                      >
                        {t('security.users.reset')}
                      </Button>
                    )}
                    {user.id !== me?.id && (
                      <Button
                        size="compact-sm"
                        variant={user.disabled ? 'light' : 'subtle'}
                        color={user.disabled ? 'green' : 'red'}
                        loading={toggle.isPending && toggle.variables?.id === user.id}
                        onClick={() => toggle.mutate(user)}
                        aria-label={
                          user.disabled
                            ? t('users.enableNamed', { username: user.username })
                            : t('users.disableNamed', { username: user.username })
                        }
                      >
                        {user.disabled ? t('users.enable') : t('users.disable')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('users.new')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {creating && <CreateUserForm onDone={() => setCreating(false)} />}
      </Modal>
      <Modal
        opened={resetting !== null}
        onClose={() => setResetting(null)}
        title={t('security.users.reset')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="md">
          <Text>{resetting && t('security.users.resetConfirm', { username: resetting.username })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setResetting(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="orange"
              loading={resetTotp.isPending}
              data-testid="user-totp-reset-confirm"
              onClick={() =>
                resetting &&
                resetTotp.mutate(resetting.id, {
                  onSuccess: () => {
                    notify({
                      color: 'green',
                      message: t('security.users.resetDone', { username: resetting.username }),
                    });
                    setResetting(null);
                  },
                  onError: (error) =>
                    notify({ color: 'red', title: t('errors.title'), message: errorMessage(error) }),
                })
              }
            >
              {t('security.users.reset')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
