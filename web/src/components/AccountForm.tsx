import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/client';

/**
 * The blocks the citizen account screens share (registration, password reset, profile): the
 * page frame, the contact and new-password fields, the one-time code with its resend button, the
 * form's alert. Field ids are `${prefix}-${field}`, so that `focusFirst` finds them.
 */

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

/** Moves focus to the first field with an error (its id is `${prefix}-${field}`). */
export function focusFirst(prefix: string, order: readonly string[], errors: Record<string, unknown>) {
  const first = order.find((f) => errors[f]);
  if (first) requestAnimationFrame(() => document.getElementById(`${prefix}-${first}`)?.focus());
}

/** The narrow page of an account screen: its title, a line of introduction, then the steps. */
export function AccountPage({
  title,
  intro,
  testId,
  children,
}: {
  title: string;
  intro: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Stack maw={480} mx="auto" mt="lg" gap="lg" data-testid={testId}>
      <div>
        <Title order={1}>{title}</Title>
        <Text c="dimmed" mt={4}>
          {intro}
        </Text>
      </div>
      {children}
    </Stack>
  );
}

/** A step's heading, focused when the step appears (screen readers announce the new step). */
export function StepHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <Title order={2} size="h3" ref={ref} tabIndex={-1}>
      {children}
    </Title>
  );
}

/** "Số điện thoại hoặc e-mail": the account's name, as typed. */
export function ContactInput({
  prefix,
  value,
  onChange,
  error,
  description,
}: {
  prefix: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  description?: string;
}) {
  const { t } = useTranslation();
  return (
    <TextInput
      id={`${prefix}-contact`}
      label={t('account.contact')}
      description={description}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      required
      autoComplete="username"
      autoCapitalize="none"
      spellCheck={false}
      data-testid={`${prefix}-contact`}
    />
  );
}

/** A new password and its confirmation (`${prefix}-password`, `${prefix}-confirm`). */
export function NewPasswordFields({
  prefix,
  label,
  password,
  confirm,
  onPassword,
  onConfirm,
  errors,
}: {
  prefix: string;
  label: string;
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  errors: { password?: string; confirm?: string };
}) {
  const { t } = useTranslation();
  const toggle = { 'aria-label': t('account.togglePassword') };
  return (
    <>
      <PasswordInput
        id={`${prefix}-password`}
        label={label}
        description={t('account.passwordHelp')}
        value={password}
        onChange={(e) => onPassword(e.currentTarget.value)}
        error={errors.password}
        required
        autoComplete="new-password"
        visibilityToggleButtonProps={toggle}
        data-testid={`${prefix}-password`}
      />
      <PasswordInput
        id={`${prefix}-confirm`}
        label={t('account.confirmPassword')}
        value={confirm}
        onChange={(e) => onConfirm(e.currentTarget.value)}
        error={errors.confirm}
        required
        autoComplete="new-password"
        visibilityToggleButtonProps={toggle}
        data-testid={`${prefix}-confirm`}
      />
    </>
  );
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

/** "Đã gửi mã mới…", in a live region that is there before the text is. */
export function ResentNote({ shown, testId }: { shown: boolean; testId?: string }) {
  const { t } = useTranslation();
  return (
    <div role="status">
      {shown && (
        <Text size="sm" c="teal.9" data-testid={testId}>
          {t('account.resent')}
        </Text>
      )}
    </div>
  );
}

/** What went wrong with the form as a whole (not one field), announced at once. */
export function FormAlert({ message, testId }: { message: string | null; testId?: string }) {
  if (!message) return null;
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert" data-testid={testId}>
      {message}
    </Alert>
  );
}

/**
 * Sending the code again: `resend()` sends it, `resent` says so until the next submit resets it
 * (`setResent(false)`); a failure goes to `onError` as a message.
 */
export function useResend(send: () => Promise<unknown>, onError: (message: string) => void) {
  const [resending, setResending] = useState(false);
  const [resent, setResent] = useState(false);
  const resend = async () => {
    setResending(true);
    setResent(false);
    try {
      await send();
      setResent(true);
    } catch (err) {
      onError(errorMessage(err));
    } finally {
      setResending(false);
    }
  };
  return { resending, resent, setResent, resend };
}

/** Under a code step: send the code again, or start over (another contact). */
export function CodeStepLinks({
  onResend,
  resending,
  restartLabel,
  onRestart,
}: {
  onResend: () => void;
  resending: boolean;
  restartLabel: string;
  onRestart: () => void;
}) {
  return (
    <>
      <ResendButton onResend={onResend} pending={resending} />
      <Anchor underline="always" component="button" type="button" onClick={onRestart} ta="left">
        {restartLabel}
      </Anchor>
    </>
  );
}

/** The form's full-width submit button, with its icon. */
export function SubmitButton({
  icon,
  loading,
  testId,
  children,
}: {
  icon: ReactNode;
  loading: boolean;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Button type="submit" loading={loading} leftSection={icon} fullWidth data-testid={testId}>
      {children}
    </Button>
  );
}
