import { Anchor, Paper, Stack, Text } from '@mantine/core';
import { IconKey, IconMailForward } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../api/client';
import { accountName, confirmPasswordReset, requestPasswordReset } from '../api/profile';
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
        <ContactInput prefix="reset" value={contact} onChange={setContact} error={error} />
        <FormAlert message={formError} />
        <SubmitButton loading={pending} icon={<IconMailForward size={18} aria-hidden />} testId="reset-send">
          {t('account.reset.send')}
        </SubmitButton>
      </Stack>
    </Paper>
  );
}

type Field = 'code' | 'password' | 'confirm';
const FIELDS: Field[] = ['code', 'password', 'confirm'];

function ConfirmStep({ username, onRestart }: { username: string; onRestart: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form, setForm] = useState({ code: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const { resending, resent, setResent, resend } = useResend(
    () => requestPasswordReset(username),
    setFormError,
  );
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

  return (
    <Paper withBorder p="lg" component="form" noValidate onSubmit={onSubmit} data-testid="reset-confirm-form">
      <Stack gap="md">
        <StepHeading>{t('account.reset.codeTitle')}</StepHeading>
        <Text>{t('account.reset.codeSent', { to: username })}</Text>
        <CodeInput id="reset-code" value={form.code} onChange={set('code')} error={errors.code} />
        <NewPasswordFields
          prefix="reset"
          label={t('account.reset.newPassword')}
          password={form.password}
          confirm={form.confirm}
          onPassword={set('password')}
          onConfirm={set('confirm')}
          errors={errors}
        />
        <ResentNote shown={resent} />
        <FormAlert message={formError} />
        <SubmitButton loading={pending} icon={<IconKey size={18} aria-hidden />} testId="reset-submit">
          {t('account.reset.submit')}
        </SubmitButton>
        <CodeStepLinks
          onResend={resend}
          resending={resending}
          restartLabel={t('account.reset.other')}
          onRestart={onRestart}
        />
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
    <AccountPage title={t('account.reset.title')} intro={t('account.reset.intro')} testId="reset-page">
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
    </AccountPage>
  );
}

export default ResetPasswordPage;
