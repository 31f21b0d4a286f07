/**
 * A staff member's account security (issue 14 §4): turning on the second factor (TOTP) with a QR
 * code or the key as text, confirming with a first code, the recovery codes shown once, turning
 * it off. Administrators in production are sent here until it is on (auth/guards.tsx).
 */
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconCopy,
  IconPrinter,
  IconShieldCheck,
  IconShieldLock,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meKey, useMe } from '../../api/auth';
import { errorMessage } from '../../api/client';
import { type TotpEnrolment, useConfirmTotp, useDisableTotp, useStartTotpEnrolment } from '../../api/totp';
import { Loading } from '../../components/common';
import { notify } from '../../lib/notify';
import { usePageTitle } from '../../lib/usePageTitle';

/** A heading that takes the focus when it appears, so that keyboard and screen-reader users follow the step. */
function StepHeading({ children, testId }: { children: string; testId?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <Title order={2} size="h3" ref={ref} tabIndex={-1} data-testid={testId}>
      {children}
    </Title>
  );
}

const SIX_DIGITS = /^\d{6}$/;

function EnrolPanel({ username, onConfirmed }: { username: string; onConfirmed: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const start = useStartTotpEnrolment();
  const confirm = useConfirmTotp();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();

  const begin = () =>
    start.mutate(undefined, {
      onSuccess: (data) => {
        setEnrolment(data);
        setCode('');
        setCodeError(undefined);
        confirm.reset();
      },
    });

  return (
    <Stack gap="md">
      {start.isError && (
        <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
          {errorMessage(start.error)}
        </Alert>
      )}
      {!enrolment ? (
        <Group>
          <Button
            leftSection={<IconShieldLock size={18} aria-hidden />}
            loading={start.isPending}
            onClick={begin}
            data-testid="totp-start"
          >
            {t('security.start')}
          </Button>
        </Group>
      ) : (
        <Paper withBorder p="md">
          <Stack gap="md">
            <StepHeading>{t('security.step1')}</StepHeading>
            <img
              src={enrolment.qrDataUrl}
              alt={t('security.qrAlt', { username })}
              width={240}
              height={240}
              style={{ maxWidth: '100%', height: 'auto', alignSelf: 'flex-start' }}
              data-testid="totp-qr"
            />
            <div>
              <Text id="totp-secret-label">{t('security.manual')}</Text>
              <Code
                block
                translate="no"
                aria-labelledby="totp-secret-label"
                data-testid="totp-secret"
                data-secret={enrolment.secret}
                style={{
                  fontSize: '1.05rem',
                  letterSpacing: '0.05em',
                  whiteSpace: 'pre-wrap',
                  overflowWrap: 'anywhere',
                }}
              >
                {enrolment.secret.match(/.{1,4}/g)?.join(' ')}
              </Code>
            </div>
            <form
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                const typed = code.replace(/\s/g, '');
                if (!SIX_DIGITS.test(typed)) {
                  setCodeError(t('security.codeFormat'));
                  return;
                }
                setCodeError(undefined);
                confirm.mutate(typed, {
                  onSuccess: (data) => {
                    notify({ color: 'green', message: t('security.enabled') });
                    onConfirmed(data.recoveryCodes);
                  },
                });
              }}
            >
              <Stack gap="sm">
                <Title order={2} size="h3">
                  {t('security.step2')}
                </Title>
                {confirm.isError && (
                  <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
                    {errorMessage(confirm.error)}
                  </Alert>
                )}
                <TextInput
                  label={t('security.code')}
                  required
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={7}
                  maw={220}
                  value={code}
                  onChange={(event) => setCode(event.currentTarget.value)}
                  error={codeError}
                  data-testid="totp-confirm-code"
                />
                <Group>
                  <Button type="submit" loading={confirm.isPending} data-testid="totp-confirm">
                    {t('security.confirm')}
                  </Button>
                  <Button variant="subtle" onClick={begin} loading={start.isPending}>
                    {t('security.restart')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      notify({ color: 'green', message: t('security.copied') });
    } catch {
      notify({ color: 'orange', message: t('security.copyFailed') });
    }
  };
  return (
    <Paper withBorder p="md" data-testid="recovery-panel">
      <Stack gap="md">
        <StepHeading>{t('security.recoveryTitle')}</StepHeading>
        <Alert color="yellow" icon={<IconAlertTriangle aria-hidden />}>
          {t('security.recoveryHint')}
        </Alert>
        <SimpleGrid
          cols={{ base: 1, xs: 2 }}
          spacing="xs"
          component="ol"
          aria-label={t('security.recoveryList')}
          data-testid="recovery-codes"
          style={{ paddingInlineStart: '1.5rem', margin: 0 }}
        >
          {codes.map((c) => (
            <li key={c}>
              <Code translate="no" style={{ fontSize: '1.05rem' }}>
                {c}
              </Code>
            </li>
          ))}
        </SimpleGrid>
        <Group>
          <Button
            variant="light"
            leftSection={<IconPrinter size={18} aria-hidden />}
            onClick={() => window.print()}
          >
            {t('security.print')}
          </Button>
          <Button variant="light" leftSection={<IconCopy size={18} aria-hidden />} onClick={copy}>
            {t('security.copy')}
          </Button>
          <Button onClick={onDone} data-testid="recovery-saved">
            {t('security.saved')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function DisablePanel() {
  const { t } = useTranslation();
  const disable = useDisableTotp();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  return (
    <Paper withBorder p="md">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const typed = code.trim();
          if (!typed) {
            setCodeError(t('security.login.required'));
            return;
          }
          setCodeError(undefined);
          disable.mutate(typed, {
            onSuccess: () => {
              setCode('');
              notify({ color: 'green', message: t('security.disabled') });
            },
          });
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('security.disableTitle')}
          </Title>
          <Text>{t('security.disableHint')}</Text>
          {disable.isError && (
            <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
              {errorMessage(disable.error)}
            </Alert>
          )}
          <TextInput
            label={t('security.disableCode')}
            required
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            maw={260}
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            error={codeError}
            data-testid="totp-disable-code"
          />
          <Group>
            <Button
              type="submit"
              color="red"
              variant="light"
              loading={disable.isPending}
              data-testid="totp-disable"
            >
              {t('security.disable')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export default function SecurityPage() {
  const { t } = useTranslation();
  usePageTitle(t('security.title'));
  const me = useMe();
  const queryClient = useQueryClient();
  // Kept here, above the panels, so that they stay on screen until put away whatever `me` says.
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  if (!me.data) return <Loading />;
  const enabled = Boolean(me.data.totpEnabled);
  const required = Boolean(me.data.totpRequired);
  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>{t('security.title')}</Title>
      <Text>{t('security.intro')}</Text>
      <Group gap="xs">
        <Badge
          color={enabled ? 'green' : 'gray'}
          variant="light"
          radius="sm"
          size="lg"
          style={{ textTransform: 'none' }}
          leftSection={enabled ? <IconShieldCheck size={16} aria-hidden /> : undefined}
          data-testid="totp-status"
          data-enabled={enabled}
        >
          {enabled ? t('security.statusOn') : t('security.statusOff')}
        </Badge>
      </Group>
      {required && !enabled && !recoveryCodes && (
        <Alert color="orange" icon={<IconShieldLock aria-hidden />} role="alert" data-testid="totp-required">
          {t('security.required')}
        </Alert>
      )}
      {recoveryCodes ? (
        <RecoveryCodes codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} />
      ) : enabled ? (
        required ? (
          <Text>{t('security.adminKeeps')}</Text>
        ) : (
          <DisablePanel />
        )
      ) : (
        <EnrolPanel
          username={me.data.username}
          onConfirmed={(codes) => {
            setRecoveryCodes(codes);
            // On at once: an administrator held at this page may go on once the codes are put away.
            void queryClient.invalidateQueries({ queryKey: meKey });
          }}
        />
      )}
      {enabled && !recoveryCodes && <Text c="dimmed">{t('security.lostPhone')}</Text>}
    </Stack>
  );
}
