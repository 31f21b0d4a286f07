import { Alert, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconLogin } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useLogin, useMe } from '../api/auth';
import { errorMessage } from '../api/client';
import { usePageTitle } from '../lib/usePageTitle';
import { notify } from '../lib/notify';

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: string; password?: string }>({});

  const from = (location.state as { from?: string } | null)?.from;
  const target = from?.startsWith('/office') ? from : '/office';

  if (me.data && !login.isPending && !login.isSuccess) {
    return <Navigate to={target} replace />;
  }

  return (
    <Stack maw={420} mx="auto" mt="lg" gap="lg">
      <div>
        <Title order={1}>{t('login.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('login.intro')}
        </Text>
      </div>
      <Paper
        withBorder
        p="lg"
        component="form"
        noValidate
        aria-describedby={login.isError ? 'login-error' : undefined}
        onSubmit={(event) => {
          event.preventDefault();
          const errors = {
            username: username.trim() ? undefined : t('login.usernameRequired'),
            password: password ? undefined : t('login.passwordRequired'),
          };
          setMissing(errors);
          if (errors.username || errors.password) return;
          login.mutate(
            { username: username.trim(), password },
            {
              onSuccess: (data) => {
                notify({
                  color: 'green',
                  message: t('login.welcome', { name: data.user.fullName }),
                });
                navigate(target, { replace: true });
              },
            },
          );
        }}
      >
        <Stack gap="md">
          {login.isError && (
            <Alert
              id="login-error"
              color="red"
              icon={<IconAlertTriangle aria-hidden />}
              role="alert"
              data-testid="login-error"
            >
              {errorMessage(login.error)}
            </Alert>
          )}
          <TextInput
            label={t('login.username')}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={username}
            onChange={(event) => setUsername(event.currentTarget.value)}
            error={missing.username}
            data-testid="login-username"
          />
          <PasswordInput
            label={t('login.password')}
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={missing.password}
            data-testid="login-password"
            visibilityToggleButtonProps={{
              'aria-label': t('login.togglePassword'),
            }}
          />
          <Button
            type="submit"
            loading={login.isPending}
            leftSection={<IconLogin size={18} aria-hidden />}
            fullWidth
          >
            {t('login.submit')}
          </Button>
        </Stack>
      </Paper>
    </Stack>
  );
}
