import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconKey, IconMailForward } from '@tabler/icons-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../api/client';
import { accountName, confirmPasswordReset, requestPasswordReset } from '../api/profile';
import { notify } from '../lib/notify';
import { usePageTitle } from '../lib/usePageTitle';
import { CodeInput, focusFirst, ResendButton } from './RegisterPage';

function RequestStep({ onSent }: { onSent: (username: string) => void }) {
  const { t } = useTranslation();
  const [contact, setContact] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const username = accountName(contact);
    if (username.length < 3) {
      setError(t(username ? 'account.errors.contactInvalid' : 'account.errors.contact'));
      return focusFirst('reset', ['contact'], { contact: true });
    }
    setError(undefined);
    setPending(true);
    try {
      await requestPasswordReset(username);
      onSent(username);
    } catch (err) {
      setFormError(errorMessage(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <Paper withBorder p="lg" component="form" noValidate onSubmit={onSubmit} data-testid="reset-request-form">
      <Stack gap="md">
        <TextInput
          id="reset-contact"
          label={t('account.contact')}
          value={contact}
          onChange={(e) => setContact(e.currentTarget.value)}
          error={error}
          required
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          data-testid="reset-contact"
        />
        {formError && (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {formError}
          </Alert>
        )}
        <Button
          type="submit"
          loading={pending}
          leftSection={<IconMailForward size={18} aria-hidden />}
          fullWidth
          data-testid="reset-send"
        >
          {t('account.reset.send')}
        </Button>
      </Stack>
    </Paper>
  );
}

type Field = 'code' | 'password' | 'confirm';
const FIELDS: Field[] = ['code', 'password', 'confirm'];

function ConfirmStep({ username, onRestart }: { username: string; onRestart: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [form, setForm] = useState({ code: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [resending, setResending] = useState(false);
  const [resent, setResent] = useState(false);
  useEffect(() => headingRef.current?.focus(), []);
  const set = (key: Field) => (value: string) => setForm((old) => ({ ...old, [key]: value }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    setResent(false);
    const found: Partial<Record<Field, string>> = {};
    if (!/^\d{6}$/.test(form.code)) found.code = t('account.errors.code');
    if (form.password.length < 8) found.password = t('account.errors.password');
    else if (form.confirm !== form.password) found.confirm = t('account.errors.confirm');
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirst('reset', FIELDS, found);
    setPending(true);
    try {
      await confirmPasswordReset({ username, code: form.code, password: form.password });
      notify({ color: 'green', message: t('account.login.passwordReset') });
      navigate('/login', { replace: true, state: { notice: 'passwordReset', username } });
    } catch (err) {
      const server = err instanceof ApiError ? err.fieldErrors() : {};
      const mapped: Partial<Record<Field, string>> = {};
      if (server.code) mapped.code = server.code;
      if (server.password) mapped.password = server.password;
      setErrors(mapped);
      if (Object.keys(mapped).length > 0) focusFirst('reset', FIELDS, mapped);
      else setFormError(errorMessage(err));
    } finally {
      setPending(false);
    }
  };

  const onResend = async () => {
    setResending(true);
    setResent(false);
    try {
      await requestPasswordReset(username);
      setResent(true);
    } catch (err) {
      setFormError(errorMessage(err));
    } finally {
      setResending(false);
    }
  };

  return (
    <Paper withBorder p="lg" component="form" noValidate onSubmit={onSubmit} data-testid="reset-confirm-form">
      <Stack gap="md">
        <Title order={2} size="h3" ref={headingRef} tabIndex={-1}>
          {t('account.reset.codeTitle')}
        </Title>
        <Text>{t('account.reset.codeSent', { to: username })}</Text>
        <CodeInput id="reset-code" value={form.code} onChange={set('code')} error={errors.code} />
        <PasswordInput
          id="reset-password"
          label={t('account.reset.newPassword')}
          description={t('account.passwordHelp')}
          value={form.password}
          onChange={(e) => set('password')(e.currentTarget.value)}
          error={errors.password}
          required
          autoComplete="new-password"
          visibilityToggleButtonProps={{ 'aria-label': t('account.togglePassword') }}
          data-testid="reset-password"
        />
        <PasswordInput
          id="reset-confirm"
          label={t('account.confirmPassword')}
          value={form.confirm}
          onChange={(e) => set('confirm')(e.currentTarget.value)}
          error={errors.confirm}
          required
          autoComplete="new-password"
          visibilityToggleButtonProps={{ 'aria-label': t('account.togglePassword') }}
          data-testid="reset-confirm"
        />
        <div role="status">
          {resent && (
            <Text size="sm" c="teal.9">
              {t('account.resent')}
            </Text>
          )}
        </div>
        {formError && (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {formError}
          </Alert>
        )}
        <Button
          type="submit"
          loading={pending}
          leftSection={<IconKey size={18} aria-hidden />}
          fullWidth
          data-testid="reset-submit"
        >
          {t('account.reset.submit')}
        </Button>
        <ResendButton onResend={onResend} pending={resending} />
        <Anchor underline="always" component="button" type="button" onClick={onRestart} ta="left">
          {t('account.reset.other')}
        </Anchor>
      </Stack>
    </Paper>
  );
}

/** Forgotten password: a code to the registered phone or e-mail, then a new password. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.reset.title'));
  const [username, setUsername] = useState<string | null>(null);
  return (
    <Stack maw={480} mx="auto" mt="lg" gap="lg" data-testid="reset-page">
      <div>
        <Title order={1}>{t('account.reset.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('account.reset.intro')}
        </Text>
      </div>
      {username ? (
        <ConfirmStep username={username} onRestart={() => setUsername(null)} />
      ) : (
        <RequestStep onSent={setUsername} />
      )}
      <Text size="sm" c="dimmed">
        {t('account.reset.staffNote')}
      </Text>
      <Anchor underline="always" component={Link} to="/login">
        {t('account.backToLogin')}
      </Anchor>
    </Stack>
  );
}

export default ResetPasswordPage;
