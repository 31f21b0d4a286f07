import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconShieldCheck, IconUserPlus } from '@tabler/icons-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { EMAIL_RE, PHONE_RE } from '../../../src/domain/contact';
import { useLogin } from '../api/auth';
import { ApiError, errorMessage } from '../api/client';
import { accountName, registerCitizen, resendCode, verifyAccount } from '../api/profile';
import { notify } from '../lib/notify';
import { usePageTitle } from '../lib/usePageTitle';

const RESEND_SECONDS = 60;

/** Seconds left before a code may be asked for again; `restart()` starts a new wait. */
export function useCooldown(seconds = RESEND_SECONDS) {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    if (left <= 0) return;
    const timer = window.setTimeout(() => setLeft((v) => v - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [left]);
  return { left, restart: () => setLeft(seconds) };
}

/** The six-digit code field: digits only, offered by the phone keyboard and by SMS autofill. */
export function CodeInput({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <TextInput
      id={id}
      label={t('account.code')}
      description={t('account.codeHelp')}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
      error={error}
      required
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      size="lg"
      styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }}
      data-testid="code-input"
    />
  );
}

/** "Gửi lại mã", disabled for a minute after each code. */
export function ResendButton({ onResend, pending }: { onResend: () => void; pending: boolean }) {
  const { t } = useTranslation();
  const cooldown = useCooldown();
  return (
    <Button
      variant="subtle"
      px={0}
      disabled={cooldown.left > 0}
      loading={pending}
      onClick={() => {
        cooldown.restart();
        onResend();
      }}
      data-testid="code-resend"
    >
      {cooldown.left > 0 ? t('account.resendIn', { seconds: cooldown.left }) : t('account.resend')}
    </Button>
  );
}

/** Moves focus to the first field with an error (its id is `${prefix}-${field}`). */
export function focusFirst(prefix: string, order: readonly string[], errors: Record<string, unknown>) {
  const first = order.find((f) => errors[f]);
  if (first) requestAnimationFrame(() => document.getElementById(`${prefix}-${first}`)?.focus());
}

type Field = 'fullName' | 'contact' | 'password' | 'confirm';
const FIELDS: Field[] = ['fullName', 'contact', 'password', 'confirm'];

function DetailsStep({ onRegistered }: { onRegistered: (username: string, password: string) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ fullName: '', contact: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const set = (key: Field) => (value: string) => setForm((old) => ({ ...old, [key]: value }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const contact = accountName(form.contact);
    const isEmail = contact.includes('@');
    const found: Partial<Record<Field, string>> = {};
    if (form.fullName.trim().length < 2) found.fullName = t('account.errors.fullName');
    if (!contact) found.contact = t('account.errors.contact');
    else if (isEmail ? !EMAIL_RE.test(contact) : !PHONE_RE.test(contact))
      found.contact = t('account.errors.contactInvalid');
    if (form.password.length < 8) found.password = t('account.errors.password');
    else if (form.confirm !== form.password) found.confirm = t('account.errors.confirm');
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirst('register', FIELDS, found);
    setPending(true);
    try {
      const user = await registerCitizen({
        fullName: form.fullName.trim(),
        ...(isEmail ? { email: contact } : { phone: contact }),
        password: form.password,
      });
      onRegistered(user.username, form.password);
    } catch (error) {
      const server = error instanceof ApiError ? error.fieldErrors() : {};
      const mapped: Partial<Record<Field, string>> = {};
      if (server.fullName) mapped.fullName = server.fullName;
      if (server.phone || server.email) mapped.contact = server.phone ?? server.email;
      if (server.password) mapped.password = server.password;
      if (error instanceof ApiError && error.code === 'username_taken') mapped.contact = errorMessage(error);
      setErrors(mapped);
      if (Object.keys(mapped).length > 0) focusFirst('register', FIELDS, mapped);
      else setFormError(errorMessage(error));
    } finally {
      setPending(false);
    }
  };

  return (
    <Paper withBorder p="lg" component="form" noValidate onSubmit={onSubmit} data-testid="register-form">
      <Stack gap="md">
        <TextInput
          id="register-fullName"
          label={t('account.register.fullName')}
          value={form.fullName}
          onChange={(e) => set('fullName')(e.currentTarget.value)}
          error={errors.fullName}
          required
          autoComplete="name"
          data-testid="register-fullName"
        />
        <TextInput
          id="register-contact"
          label={t('account.contact')}
          description={t('account.contactHelp')}
          value={form.contact}
          onChange={(e) => set('contact')(e.currentTarget.value)}
          error={errors.contact}
          required
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          data-testid="register-contact"
        />
        <PasswordInput
          id="register-password"
          label={t('account.password')}
          description={t('account.passwordHelp')}
          value={form.password}
          onChange={(e) => set('password')(e.currentTarget.value)}
          error={errors.password}
          required
          autoComplete="new-password"
          visibilityToggleButtonProps={{ 'aria-label': t('account.togglePassword') }}
          data-testid="register-password"
        />
        <PasswordInput
          id="register-confirm"
          label={t('account.confirmPassword')}
          value={form.confirm}
          onChange={(e) => set('confirm')(e.currentTarget.value)}
          error={errors.confirm}
          required
          autoComplete="new-password"
          visibilityToggleButtonProps={{ 'aria-label': t('account.togglePassword') }}
          data-testid="register-confirm"
        />
        {formError && (
          <Alert
            color="red"
            icon={<IconAlertTriangle aria-hidden />}
            role="alert"
            data-testid="register-error"
          >
            {formError}
          </Alert>
        )}
        <Button
          type="submit"
          loading={pending}
          leftSection={<IconUserPlus size={18} aria-hidden />}
          fullWidth
          data-testid="register-submit"
        >
          {t('account.register.submit')}
        </Button>
      </Stack>
    </Paper>
  );
}

function CodeStep({
  username,
  password,
  onRestart,
}: {
  username: string;
  password: string;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const login = useLogin();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const [resending, setResending] = useState(false);
  const [resent, setResent] = useState(false);
  useEffect(() => headingRef.current?.focus(), []);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setResent(false);
    if (!/^\d{6}$/.test(code)) {
      setError(t('account.errors.code'));
      return focusFirst('register', ['code'], { code: true });
    }
    setError(undefined);
    setPending(true);
    try {
      await verifyAccount({ username, code });
    } catch (err) {
      setPending(false);
      setError(err instanceof ApiError ? (err.fieldErrors().code ?? errorMessage(err)) : errorMessage(err));
      return focusFirst('register', ['code'], { code: true });
    }
    // Confirmed: log straight in with the password just chosen; else the login page says so.
    login.mutate(
      { username, password },
      {
        onSuccess: (data) => {
          notify({ color: 'green', message: t('account.register.verified', { name: data.user.fullName }) });
          navigate('/me', { replace: true });
        },
        onError: () => navigate('/login', { replace: true, state: { notice: 'verified', username } }),
      },
    );
  };

  const onResend = async () => {
    setResending(true);
    setResent(false);
    try {
      await resendCode(username);
      setResent(true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setResending(false);
    }
  };

  return (
    <Paper withBorder p="lg" component="form" noValidate onSubmit={onSubmit} data-testid="register-code-form">
      <Stack gap="md">
        <Title order={2} size="h3" ref={headingRef} tabIndex={-1}>
          {t('account.register.codeTitle')}
        </Title>
        <Text>{t('account.register.codeSent', { to: username })}</Text>
        <CodeInput id="register-code" value={code} onChange={setCode} error={error} />
        <div role="status">
          {resent && (
            <Text size="sm" c="teal.9" data-testid="code-resent">
              {t('account.resent')}
            </Text>
          )}
        </div>
        <Button
          type="submit"
          loading={pending || login.isPending}
          leftSection={<IconShieldCheck size={18} aria-hidden />}
          fullWidth
          data-testid="register-verify"
        >
          {t('account.register.verify')}
        </Button>
        <ResendButton onResend={onResend} pending={resending} />
        <Anchor underline="always" component="button" type="button" onClick={onRestart} ta="left">
          {t('account.register.restart')}
        </Anchor>
      </Stack>
    </Paper>
  );
}

/** Citizen registration: details, then the one-time code sent to the phone or e-mail. */
export function RegisterPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.register.title'));
  const [pending, setPending] = useState<{ username: string; password: string } | null>(null);
  return (
    <Stack maw={480} mx="auto" mt="lg" gap="lg" data-testid="register-page">
      <div>
        <Title order={1}>{t('account.register.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('account.register.intro')}
        </Text>
      </div>
      {pending ? (
        <CodeStep
          username={pending.username}
          password={pending.password}
          onRestart={() => setPending(null)}
        />
      ) : (
        <DetailsStep onRegistered={(username, password) => setPending({ username, password })} />
      )}
      <Text>
        {t('account.register.haveAccount')}{' '}
        <Anchor underline="always" component={Link} to="/login">
          {t('account.register.login')}
        </Anchor>
      </Text>
    </Stack>
  );
}

export default RegisterPage;
