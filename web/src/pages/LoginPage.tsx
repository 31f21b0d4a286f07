import {
  Alert,
  Anchor,
  Button,
  Divider,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconLogin, IconShieldLock } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useLogin, useMe } from '../api/auth';
import { ApiError, errorMessage } from '../api/client';
import { accountName, useOidcConfig } from '../api/profile';
import type { Me } from '../api/auth';
import { OidcButton } from '../components/OidcButton';
import { usePageTitle } from '../lib/usePageTitle';
import { notify } from '../lib/notify';

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const login = useLogin();
  const [searchParams] = useSearchParams();
  const state = location.state as { from?: string; notice?: string; username?: string } | null;
  const notice =
    state?.notice === 'verified' || state?.notice === 'passwordReset'
      ? t(`account.login.${state.notice}`)
      : null;
  const oidcFailed = searchParams.get('oidc') === 'failed';
  const [username, setUsername] = useState(state?.username ?? '');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: string; password?: string; totp?: string }>({});
  // The second factor's field appears once the server says the account has one (`totp_required`).
  const [totpAsked, setTotpAsked] = useState(false);
  const [totp, setTotp] = useState('');
  const totpRef = useRef<HTMLInputElement>(null);
  const loginError = login.error instanceof ApiError ? login.error : null;
  const askingForCode = loginError?.code === 'totp_required';
  useEffect(() => {
    if (totpAsked) totpRef.current?.focus();
  }, [totpAsked]);

  // Staff go to their area, citizens to their own pages; back where they came from when it fits.
  const from = state?.from;
  const targetFor = (kind: 'staff' | 'citizen', roles: readonly { role: string }[] = []) => {
    // A community digital team member's work is submitting for citizens: their page, or the
    // procedure (or application) they were on when asked to log in.
    const assistantOnly = kind === 'staff' && roles.length > 0 && roles.every((r) => r.role === 'assistant');
    if (assistantOnly && from && (from.startsWith('/procedures/') || from.startsWith('/applications/')))
      return from;
    const home = kind === 'staff' ? (assistantOnly ? '/office/assist' : '/office') : '/me';
    return from === home || from?.startsWith(`${home}/`) ? from : home;
  };

  if (me.data && !login.isPending && !login.isSuccess) {
    return <Navigate to={targetFor(me.data.kind, me.data.roles)} replace />;
  }

  return (
    <Stack maw={420} mx="auto" mt="lg" gap="lg">
      <div>
        <Title order={1}>{t('login.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('account.login.intro')}
        </Text>
      </div>
      {notice && (
        <Alert color="green" icon={<IconCircleCheck aria-hidden />} role="status" data-testid="login-notice">
          {notice}
        </Alert>
      )}
      {oidcFailed && (
        <Alert
          color="red"
          icon={<IconAlertTriangle aria-hidden />}
          role="alert"
          data-testid="login-oidc-failed"
        >
          {t('account.login.oidcFailed')}
        </Alert>
      )}
      <Paper
        withBorder
        p="lg"
        component="form"
        noValidate
        aria-describedby={login.isError ? 'login-error' : askingForCode ? 'login-totp-asked' : undefined}
        onSubmit={(event) => {
          event.preventDefault();
          const errors = {
            username: username.trim() ? undefined : t('login.usernameRequired'),
            password: password ? undefined : t('login.passwordRequired'),
            totp: totpAsked && !totp.trim() ? t('security.login.required') : undefined,
          };
          setMissing(errors);
          if (errors.username || errors.password || errors.totp) return;
          login.mutate(
            // A phone typed as +84 or with spaces is the same username as 0… without them.
            {
              username: accountName(username),
              password,
              ...(totpAsked && totp.trim() ? { totp: totp.replace(/\s/g, '') } : {}),
            },
            {
              onError: (error) => {
                if (error instanceof ApiError && error.code === 'totp_required') setTotpAsked(true);
                if (error instanceof ApiError && error.code === 'invalid_totp') setTotp('');
              },
              onSuccess: (data) => {
                notify({
                  color: 'green',
                  message: t('login.welcome', { name: data.user.fullName }),
                });
                // The server sends the account kind with the user (typed as User in api/auth.ts).
                const kind = (data.user as Partial<Me>).kind === 'citizen' ? 'citizen' : 'staff';
                navigate(targetFor(kind, data.user.roles), { replace: true });
              },
            },
          );
        }}
      >
        <Stack gap="md">
          {askingForCode && (
            <Alert
              id="login-totp-asked"
              color="blue"
              icon={<IconShieldLock aria-hidden />}
              role="status"
              data-testid="login-totp-asked"
            >
              {t('security.login.asked')}
            </Alert>
          )}
          {login.isError && !askingForCode && (
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
          {totpAsked && (
            <TextInput
              ref={totpRef}
              label={t('security.login.code')}
              description={t('security.login.hint')}
              name="totp"
              autoComplete="one-time-code"
              autoCapitalize="none"
              spellCheck={false}
              required
              maxLength={20}
              value={totp}
              onChange={(event) => setTotp(event.currentTarget.value)}
              error={missing.totp}
              data-testid="login-totp"
            />
          )}
          <Button
            type="submit"
            loading={login.isPending}
            leftSection={<IconLogin size={18} aria-hidden />}
            fullWidth
          >
            {t('login.submit')}
          </Button>
          <Anchor underline="always" component={Link} to="/reset-password" data-testid="login-forgot">
            {t('account.login.forgot')}
          </Anchor>
          <OidcDivider />
          <OidcButton />
        </Stack>
      </Paper>
      <Group gap={6}>
        <Text>{t('account.login.noAccount')}</Text>
        <Anchor underline="always" component={Link} to="/register" fw={600} data-testid="login-register">
          {t('account.login.register')}
        </Anchor>
      </Group>
    </Stack>
  );
}

/** "hoặc" between the password form and the single sign-on button, only when the button shows. */
function OidcDivider() {
  const { t } = useTranslation();
  const config = useOidcConfig();
  if (!config.data?.enabled) return null;
  return <Divider label={t('account.login.or')} labelPosition="center" />;
}
