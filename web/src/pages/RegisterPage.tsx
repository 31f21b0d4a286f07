import { Anchor, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconShieldCheck, IconUserPlus } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { EMAIL_RE, PHONE_RE } from '../../../src/domain/contact';
import { useLogin } from '../api/auth';
import { ApiError, errorMessage } from '../api/client';
import { accountName, registerCitizen, resendCode, verifyAccount } from '../api/profile';
import {
  AccountPage,
  CodeInput,
  CodeStepLinks,
  ContactInput,
  FormAlert,
  focusFirst,
  NewPasswordFields,
  ResentNote,
  StepHeading,
  SubmitButton,
  useResend,
} from '../components/AccountForm';
import { notify } from '../lib/notify';
import { usePageTitle } from '../lib/usePageTitle';

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
        <ContactInput
          prefix="register"
          description={t('account.contactHelp')}
          value={form.contact}
          onChange={set('contact')}
          error={errors.contact}
        />
        <NewPasswordFields
          prefix="register"
          label={t('account.password')}
          password={form.password}
          confirm={form.confirm}
          onPassword={set('password')}
          onConfirm={set('confirm')}
          errors={errors}
        />
        <FormAlert message={formError} testId="register-error" />
        <SubmitButton
          loading={pending}
          icon={<IconUserPlus size={18} aria-hidden />}
          testId="register-submit"
        >
          {t('account.register.submit')}
        </SubmitButton>
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
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const { resending, resent, setResent, resend } = useResend(() => resendCode(username), setError);

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

  return (
    <Paper withBorder p="lg" component="form" noValidate onSubmit={onSubmit} data-testid="register-code-form">
      <Stack gap="md">
        <StepHeading>{t('account.register.codeTitle')}</StepHeading>
        <Text>{t('account.register.codeSent', { to: username })}</Text>
        <CodeInput id="register-code" value={code} onChange={setCode} error={error} />
        <ResentNote shown={resent} testId="code-resent" />
        <SubmitButton
          loading={pending || login.isPending}
          icon={<IconShieldCheck size={18} aria-hidden />}
          testId="register-verify"
        >
          {t('account.register.verify')}
        </SubmitButton>
        <CodeStepLinks
          onResend={resend}
          resending={resending}
          restartLabel={t('account.register.restart')}
          onRestart={onRestart}
        />
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
    <AccountPage
      title={t('account.register.title')}
      intro={t('account.register.intro')}
      testId="register-page"
    >
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
    </AccountPage>
  );
}

export default RegisterPage;
