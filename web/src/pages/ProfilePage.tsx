import {
  Alert,
  Box,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCircleCheck, IconDeviceFloppy, IconLock } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { EMAIL_RE, ID_NUMBER_RE, isPhone } from '../../../src/domain/contact';
import { useMe } from '../api/auth';
import { ApiError, errorMessage } from '../api/client';
import { type Profile, type ProfileLocale, useProfile, useSaveProfile } from '../api/profile';
import { FormAlert, focusFirst } from '../components/AccountForm';
import { FormSection, Loading, QueryError } from '../components/common';
import { notify } from '../lib/notify';
import { usePageTitle } from '../lib/usePageTitle';

type Field = 'fullName' | 'idNumber' | 'phone' | 'email' | 'address' | 'zaloPhone' | 'locale';
const FIELDS: Field[] = ['fullName', 'idNumber', 'phone', 'email', 'address', 'zaloPhone', 'locale'];

interface FormState {
  fullName: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
  zaloOptIn: boolean;
  zaloPhone: string;
  locale: ProfileLocale;
}

function fromProfile(p: Profile): FormState {
  return {
    fullName: p.applicant.fullName,
    idNumber: p.applicant.idNumber ?? '',
    phone: p.applicant.phone ?? '',
    email: p.applicant.email ?? '',
    address: p.applicant.address ?? '',
    zaloOptIn: p.zaloOptIn,
    zaloPhone: p.zaloPhone ?? '',
    locale: p.locale,
  };
}

function ProfileForm({ profile, userId }: { profile: Profile; userId: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const save = useSaveProfile(userId);
  const [form, setForm] = useState<FormState>(() => fromProfile(profile));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const set =
    <K extends keyof FormState>(key: K) =>
    (value: FormState[K]) => {
      setSaved(false);
      setForm((old) => ({ ...old, [key]: value }));
    };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    setSaved(false);
    const found: Partial<Record<Field, string>> = {};
    if (form.fullName.trim().length < 2) found.fullName = t('account.errors.fullName');
    if (form.idNumber.trim() && !ID_NUMBER_RE.test(form.idNumber.trim()))
      found.idNumber = t('account.errors.idNumber');
    if (form.phone.trim() && !isPhone(form.phone)) found.phone = t('account.errors.phone');
    if (form.email.trim() && !EMAIL_RE.test(form.email.trim())) found.email = t('account.errors.email');
    if (form.zaloOptIn && form.zaloPhone.trim() && !isPhone(form.zaloPhone))
      found.zaloPhone = t('account.errors.phone');
    else if (form.zaloOptIn && !form.zaloPhone.trim() && !profile.account.phone)
      found.zaloPhone = t('account.errors.zaloPhone');
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirst('profile', FIELDS, found);
    save.mutate(
      {
        applicant: {
          fullName: form.fullName.trim(),
          idNumber: form.idNumber.trim() || undefined,
          phone: form.phone.trim() || undefined,
          email: form.email.trim() || undefined,
          address: form.address.trim() || undefined,
        },
        zaloOptIn: form.zaloOptIn,
        zaloPhone: form.zaloOptIn ? form.zaloPhone.trim() || undefined : undefined,
        locale: form.locale,
      },
      {
        onSuccess: async (data) => {
          setForm(fromProfile(data));
          setSaved(true);
          notify({ color: 'green', message: t('account.profile.saved', { lng: data.locale }) });
          if (data.locale !== i18n.language) {
            await i18n.changeLanguage(data.locale);
            await queryClient.invalidateQueries();
          }
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 400) {
            const server = error.fieldErrors();
            const mapped: Partial<Record<Field, string>> = {};
            for (const f of FIELDS) {
              const message = server[`applicant.${f}`] ?? server[f];
              if (message) mapped[f] = message;
            }
            if (Object.keys(mapped).length > 0) {
              setErrors(mapped);
              return focusFirst('profile', FIELDS, mapped);
            }
          }
          setFormError(errorMessage(error));
        },
      },
    );
  };

  const text = (field: Exclude<Field, 'locale'>) => ({
    id: `profile-${field}`,
    value: form[field],
    onChange: (e: { currentTarget: { value: string } }) => set(field)(e.currentTarget.value),
    error: errors[field],
    'data-testid': `profile-${field}`,
  });

  return (
    <Paper withBorder p="md" component="form" noValidate onSubmit={onSubmit} data-testid="profile-form">
      <Stack gap="lg">
        <FormSection title={t('account.profile.applicantLegend')}>
          <TextInput
            {...text('fullName')}
            label={t('account.profile.fullName')}
            required
            autoComplete="name"
          />
          <TextInput
            {...text('idNumber')}
            label={t('account.profile.idNumber')}
            description={t('account.profile.idNumberHelp')}
            inputMode="numeric"
            autoComplete="off"
            maxLength={12}
          />
          <TextInput
            {...text('phone')}
            label={t('account.profile.phone')}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
          />
          <TextInput
            {...text('email')}
            label={t('account.profile.email')}
            type="email"
            inputMode="email"
            autoComplete="email"
            spellCheck={false}
          />
          <TextInput
            {...text('address')}
            label={t('account.profile.address')}
            autoComplete="street-address"
          />
        </FormSection>

        <FormSection title={t('account.profile.noticesLegend')}>
          <Switch
            label={t('account.profile.zaloOptIn')}
            checked={form.zaloOptIn}
            onChange={(e) => set('zaloOptIn')(e.currentTarget.checked)}
            data-testid="profile-zaloOptIn"
          />
          {form.zaloOptIn && (
            <TextInput
              {...text('zaloPhone')}
              label={t('account.profile.zaloPhone')}
              description={profile.account.phone ? t('account.profile.zaloPhoneHelp') : undefined}
              required={!profile.account.phone}
              type="tel"
              inputMode="tel"
              autoComplete="tel"
            />
          )}
          <NativeSelect
            id="profile-locale"
            label={t('account.profile.locale')}
            description={t('account.profile.localeHelp')}
            data={[
              { value: 'vi', label: t('account.locales.vi') },
              { value: 'en', label: t('account.locales.en') },
            ]}
            value={form.locale}
            onChange={(e) => set('locale')(e.currentTarget.value === 'en' ? 'en' : 'vi')}
            error={errors.locale}
            data-testid="profile-locale"
          />
        </FormSection>

        <FormAlert message={formError} testId="profile-error" />
        <Group gap="md" wrap="wrap">
          <Button
            type="submit"
            loading={save.isPending}
            leftSection={<IconDeviceFloppy size={18} aria-hidden />}
            data-testid="profile-save"
          >
            {t('account.profile.save')}
          </Button>
          <div role="status">
            {saved && (
              <Group gap={4} c="teal.9" data-testid="profile-saved">
                <IconCircleCheck size={18} aria-hidden />
                <Text c="teal.9">{t('account.profile.saved')}</Text>
              </Group>
            )}
          </div>
        </Group>
      </Stack>
    </Paper>
  );
}

function AccountBox({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  return (
    <Box component="section" aria-labelledby="profile-account-title">
      <Title order={2} size="h4" id="profile-account-title" mb="xs">
        {t('account.profile.accountLegend')}
      </Title>
      <Text>
        {t('account.profile.username')}:{' '}
        <Text span fw={600} className="break-anywhere" data-testid="profile-username">
          {profile.account.username}
        </Text>{' '}
        ({profile.account.verified ? t('account.profile.verified') : t('account.profile.unverified')})
      </Text>
    </Box>
  );
}

/** The citizen's saved applicant details (prefilled on forms), Zalo opt-in and language. */
export function ProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t('account.profile.title'));
  const me = useMe();
  const citizen = me.data?.kind === 'citizen' ? me.data : undefined;
  const profile = useProfile(citizen?.id);

  let body: ReactNode;
  if (me.isPending) body = <Loading />;
  else if (me.isError) body = <QueryError error={me.error} onRetry={() => me.refetch()} />;
  else if (!me.data) return <Navigate to="/login" replace state={{ from: '/me/profile' }} />;
  else if (!citizen)
    body = (
      <Alert color="orange" icon={<IconLock aria-hidden />} role="alert" data-testid="profile-citizen-only">
        <Text>{t('account.profile.citizenOnly')}</Text>
        <Button component={Link} to="/office" variant="subtle" px={0} mt="xs">
          {t('account.profile.toOffice')}
        </Button>
      </Alert>
    );
  else if (profile.isPending) body = <Loading />;
  else if (profile.isError) body = <QueryError error={profile.error} onRetry={() => profile.refetch()} />;
  else
    body = (
      <>
        <ProfileForm profile={profile.data} userId={citizen.id} />
        <AccountBox profile={profile.data} />
      </>
    );

  return (
    <Stack gap="lg" maw={720} mx="auto" data-testid="profile-page">
      <div>
        <Title order={1}>{t('account.profile.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('account.profile.intro')}
        </Text>
      </div>
      {body}
    </Stack>
  );
}

export default ProfilePage;
