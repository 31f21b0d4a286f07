// The reception form's delivery section: how the result goes back, the address for the post, channel and sets.
import { Group, NativeSelect, NumberInput, Paper, Radio, Stack, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Channel, ResultDelivery } from '../../../api/dossiers';

export function DeliverySection({
  resultDelivery,
  onResultDeliveryChange,
  deliveryAddress,
  onDeliveryAddressChange,
  channel,
  onChannelChange,
  sets,
  onSetsChange,
  errors,
}: {
  resultDelivery: ResultDelivery;
  onResultDeliveryChange: (value: ResultDelivery) => void;
  deliveryAddress: string;
  onDeliveryAddressChange: (value: string) => void;
  channel: Channel;
  onChannelChange: (value: Channel) => void;
  sets: number;
  onSetsChange: (value: number) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="delivery-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="delivery-title">
          {t('reception.deliverySection')}
        </Title>
        <Radio.Group
          label={t('reception.resultDelivery')}
          value={resultDelivery}
          onChange={(v) => onResultDeliveryChange(v as ResultDelivery)}
          error={errors.resultDelivery}
        >
          <Group gap="lg" mt={6}>
            {(['counter', 'postal', 'online'] as const).map((d) => (
              <Radio key={d} value={d} label={t(`resultDelivery.${d}`)} data-testid={`delivery-${d}`} />
            ))}
          </Group>
        </Radio.Group>
        {resultDelivery === 'postal' && (
          <TextInput
            label={t('reception.deliveryAddress')}
            description={t('reception.deliveryAddressHelp')}
            value={deliveryAddress}
            onChange={(e) => onDeliveryAddressChange(e.currentTarget.value)}
            error={errors.deliveryAddress}
            data-testid="delivery-address"
          />
        )}
        <Group gap="md" align="flex-start" grow preventGrowOverflow={false}>
          <NativeSelect
            label={t('reception.channel')}
            data={(['counter', 'postal'] as const).map((c) => ({
              value: c,
              label: t(`channel.${c}`),
            }))}
            value={channel}
            onChange={(e) => onChannelChange(e.currentTarget.value as Channel)}
            error={errors.channel}
          />
          <NumberInput
            label={t('reception.sets')}
            value={sets}
            min={1}
            max={50}
            allowDecimal={false}
            onChange={(v) => onSetsChange(Math.max(1, Number(v) || 1))}
            error={errors.sets}
          />
        </Group>
      </Stack>
    </Paper>
  );
}
