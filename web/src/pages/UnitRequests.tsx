import {
  Alert,
  Button,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../api/client';
import { homeServiceApi, type PublicHomeServiceInput } from '../api/home-service';
import { postalApi } from '../api/postal';
import { formatDateTime } from '../lib/format';
import { FailureAlert } from '../components/common';

type Service = 'postal' | 'home';
const REASONS = ['elderly', 'disabled', 'ill', 'other'] as const;
const EMPTY = {
  name: '',
  phone: '',
  address: '',
  note: '',
  reason: 'elderly',
  kind: 'pickup',
  dossierCode: '',
};

interface Followed {
  code: string;
  status: string;
  scheduledAt?: string | null;
  events: { status: string; at: string }[];
}

/**
 * On a unit's public page: ask the postman to collect the paper dossier (public postal service), or,
 * for someone who cannot travel, an officer to come home (pick-up or the result); then follow the
 * request with its number and the phone given.
 */
export function UnitRequests({ unitCode }: { unitCode: string }) {
  const { t, i18n } = useTranslation();
  const [service, setService] = useState<Service>('postal');
  // Two long labels side by side do not fit a phone.
  const narrow = useMediaQuery('(max-width: 40em)');
  const [form, setForm] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<{ code: string; fee?: number } | null>(null);
  const [lookup, setLookup] = useState({ code: '', phone: '' });
  const [followed, setFollowed] = useState<Followed | null>(null);
  const [lookupError, setLookupError] = useState<string | null>(null);
  const set = (k: keyof typeof EMPTY) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const applicant = { name: form.name, phone: form.phone, address: form.address };
  const err = (k: string) => errors[`applicant.${k}`] ?? errors[k];

  const send = async () => {
    setBusy(true);
    setFailure(null);
    setErrors({});
    try {
      if (service === 'postal') {
        const r = await postalApi.requestPickup({
          body: { unitCode, applicant, ...(form.note.trim() ? { note: form.note } : {}) },
        });
        setDone({ code: r.trackingNumber, fee: r.fee });
      } else {
        const r = await homeServiceApi.request({
          body: {
            unitCode,
            kind: form.kind as PublicHomeServiceInput['kind'],
            applicant,
            reason: form.reason as PublicHomeServiceInput['reason'],
            ...(form.note.trim() ? { note: form.note } : {}),
            ...(form.kind === 'return' && form.dossierCode.trim()
              ? { dossierCode: form.dossierCode.trim() }
              : {}),
          },
        });
        setDone({ code: r.code });
      }
      setLookup({ code: '', phone: form.phone });
      setForm(EMPTY);
    } catch (e) {
      setFailure(errorMessage(e));
      if (e instanceof ApiError) setErrors(e.fieldErrors());
    } finally {
      setBusy(false);
    }
  };

  const follow = async () => {
    setLookupError(null);
    setFollowed(null);
    const code = lookup.code.trim().toUpperCase();
    const phone = lookup.phone.trim();
    try {
      if (code.startsWith('TN-')) {
        const r = await homeServiceApi.follow({ params: { code }, query: { phone } });
        setFollowed({
          code: r.code,
          status: t(`homeService.status.${r.status}`),
          scheduledAt: r.scheduledAt,
          events: r.events,
        });
      } else {
        const r = await postalApi.track({ params: { trackingNumber: code }, query: { phone } });
        setFollowed({ code: r.trackingNumber, status: t(`postal.status.${r.status}`), events: r.events });
      }
    } catch (e) {
      setLookupError(errorMessage(e));
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="unit-requests-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="unit-requests-title">
          {t('unitRequests.title')}
        </Title>
        <SegmentedControl
          value={service}
          onChange={(v) => {
            setService(v as Service);
            setDone(null);
            setErrors({});
            setFailure(null);
          }}
          data={[
            { value: 'postal', label: t('unitRequests.postal') },
            { value: 'home', label: t('unitRequests.home') },
          ]}
          fullWidth
          orientation={narrow ? 'vertical' : 'horizontal'}
          aria-label={t('unitRequests.title')}
        />
        <Text size="sm" c="dimmed">
          {service === 'postal' ? t('unitRequests.postalHelp') : t('unitRequests.homeHelp')}
        </Text>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <Stack gap="sm">
            {service === 'home' && (
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <NativeSelect
                  label={t('unitRequests.kind')}
                  value={form.kind}
                  onChange={(e) => set('kind')(e.currentTarget.value)}
                  data={[
                    { value: 'pickup', label: t('homeService.kind.pickup') },
                    { value: 'return', label: t('homeService.kind.return') },
                  ]}
                />
                <NativeSelect
                  label={t('homeService.reasonLabel')}
                  value={form.reason}
                  onChange={(e) => set('reason')(e.currentTarget.value)}
                  data={REASONS.map((r) => ({ value: r, label: t(`homeService.reason.${r}`) }))}
                  error={err('reason')}
                />
              </SimpleGrid>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                label={t('unitRequests.name')}
                value={form.name}
                onChange={(e) => set('name')(e.currentTarget.value)}
                error={err('name')}
                required
                autoComplete="name"
              />
              <TextInput
                label={t('unitRequests.phone')}
                value={form.phone}
                onChange={(e) => set('phone')(e.currentTarget.value)}
                error={err('phone')}
                required
                inputMode="tel"
                autoComplete="tel"
              />
            </SimpleGrid>
            <TextInput
              label={t('unitRequests.address')}
              value={form.address}
              onChange={(e) => set('address')(e.currentTarget.value)}
              error={err('address')}
              required
              autoComplete="street-address"
            />
            {service === 'home' && form.kind === 'return' && (
              <TextInput
                label={t('homeService.dossierCode')}
                value={form.dossierCode}
                onChange={(e) => set('dossierCode')(e.currentTarget.value)}
                error={err('dossierCode')}
                required
              />
            )}
            <Textarea
              label={t('unitRequests.note')}
              value={form.note}
              onChange={(e) => set('note')(e.currentTarget.value)}
              error={err('note')}
              autosize
              minRows={2}
            />
            <FailureAlert message={failure} />
            {done && (
              <Alert color="green" role="status" data-testid="unit-request-done">
                {t('unitRequests.done', { code: done.code })}
                {done.fee !== undefined &&
                  ` ${t('unitRequests.fee', { fee: done.fee.toLocaleString('vi-VN') })}`}
              </Alert>
            )}
            <Group>
              <Button type="submit" loading={busy} data-testid="unit-request-send">
                {t('unitRequests.send')}
              </Button>
            </Group>
          </Stack>
        </form>

        <Title order={3} size="h4" mt="md">
          {t('unitRequests.follow')}
        </Title>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void follow();
          }}
        >
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={t('unitRequests.code')}
              value={lookup.code}
              onChange={(e) => setLookup((l) => ({ ...l, code: e.currentTarget.value }))}
              required
              data-testid="unit-follow-code"
            />
            <TextInput
              label={t('unitRequests.phone')}
              value={lookup.phone}
              onChange={(e) => setLookup((l) => ({ ...l, phone: e.currentTarget.value }))}
              required
              inputMode="tel"
              miw={160}
            />
            <Button type="submit" variant="light" data-testid="unit-follow-send">
              {t('unitRequests.followButton')}
            </Button>
          </Group>
        </form>
        {lookupError && (
          <Alert color="orange" role="alert">
            {lookupError}
          </Alert>
        )}
        {followed && (
          <Alert color="blue" role="status" data-testid="unit-follow-result">
            <Text fw={600}>
              {followed.code}: {followed.status}
            </Text>
            {followed.scheduledAt && (
              <Text size="sm">
                {t('unitRequests.appointment', { at: formatDateTime(followed.scheduledAt, i18n.language) })}
              </Text>
            )}
            <Text size="sm" c="dimmed">
              {t('unitRequests.since', { at: formatDateTime(followed.events[0]?.at ?? null, i18n.language) })}
            </Text>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
