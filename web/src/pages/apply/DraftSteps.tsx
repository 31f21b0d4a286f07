import {
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type {
  ApplicationDocument,
  ApplicationView,
  DraftChanges,
  ResultDelivery,
} from '../../api/applications';
import type { UploadedFile } from '../../api/files';
import { FileUpload } from '../../components/FileUpload';
import { formatMoney } from '../../lib/format';
import { answerText, type ErrorMap, fieldDomId, labelOf, titleOf } from './EFormFields';

export function DocumentsStep({
  view,
  documents,
  files,
  errors,
  onChange,
  onFilesUploaded,
}: {
  view: ApplicationView;
  documents: ApplicationDocument[];
  files: UploadedFile[];
  errors: ErrorMap;
  /** Gets an update of the current documents, not a new list: uploads finish in any order. */
  onChange: (update: (current: ApplicationDocument[]) => ApplicationDocument[]) => void;
  onFilesUploaded: (files: UploadedFile[]) => void;
}) {
  const { t } = useTranslation();
  // Two uploads (to two documents) can run at once; each finishes with the callback of the render
  // it started in. Applied to the list as it is by then, neither undoes the other.
  const setFiles = (index: number, next: UploadedFile[]) => {
    onFilesUploaded(next);
    onChange((current) => {
      const others = current.filter((d) => d.index !== index);
      return next.length
        ? [...others, { index, fileIds: next.map((f) => f.id) }].sort((a, b) => a.index - b.index)
        : others;
    });
  };
  return (
    <Stack gap="lg">
      <Text size="sm">{t('apply.documentsIntro')}</Text>
      {view.procedure.documents.map((doc, index) => {
        const ids = documents.find((d) => d.index === index)?.fileIds ?? [];
        const error = errors[`documents.${index}`];
        return (
          // The checklist's order is its identity: the server keys documents by index too.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <Stack key={index} gap={4} id={fieldDomId(`documents.${index}`)} tabIndex={-1}>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Text fw={500} size="sm" style={{ flex: 1 }}>
                {doc.name}
              </Text>
              <Badge variant="light" color={doc.required ? 'red' : 'gray'} style={{ flexShrink: 0 }}>
                {doc.required ? t('apply.required') : t('apply.optional')}
              </Badge>
            </Group>
            <FileUpload
              label={doc.name}
              purpose="application"
              applicationId={view.id}
              value={files.filter((f) => ids.includes(f.id))}
              onChange={(next) => setFiles(index, next)}
            />
            {error && (
              <Text size="sm" c="red" role="alert">
                {error}
              </Text>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}

export function DeliveryStep({
  view,
  draft,
  errors,
  onChange,
}: {
  view: ApplicationView;
  draft: Required<DraftChanges>;
  errors: ErrorMap;
  onChange: (patch: DraftChanges) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Stack gap="lg">
      <NativeSelect
        id={fieldDomId('unitCode')}
        label={t('apply.unit')}
        required
        value={draft.unitCode ?? ''}
        error={errors.unitCode}
        onChange={(e) => onChange({ unitCode: e.currentTarget.value || null })}
        data={[
          { value: '', label: t('apply.chooseUnit') },
          ...view.units.map((u) => ({ value: u.code, label: u.name })),
        ]}
      />
      <Radio.Group
        id={fieldDomId('resultDelivery')}
        label={t('apply.delivery')}
        required
        value={draft.resultDelivery ?? ''}
        error={errors.resultDelivery}
        onChange={(v) => onChange({ resultDelivery: v as ResultDelivery })}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="online" label={t('apply.deliveryOnline')} />
          <Radio value="counter" label={t('apply.deliveryCounter')} />
          {view.procedure.postalReturn && (
            <Radio
              value="postal"
              label={t('apply.deliveryPostal', { fee: formatMoney(view.postalFee, lang) })}
            />
          )}
        </Stack>
      </Radio.Group>
      {draft.resultDelivery === 'postal' && (
        <Textarea
          id={fieldDomId('deliveryAddress')}
          label={t('apply.deliveryAddress')}
          required
          autoComplete="street-address"
          value={draft.deliveryAddress ?? ''}
          error={errors.deliveryAddress}
          onChange={(e) => onChange({ deliveryAddress: e.currentTarget.value })}
        />
      )}
      {view.procedure.fees.length > 0 && (
        <Checkbox.Group
          id={fieldDomId('feeIndexes')}
          label={t('apply.fees')}
          description={view.procedure.feeNote ?? t('apply.feesHelp')}
          error={errors.feeIndexes}
          value={draft.feeIndexes.map(String)}
          onChange={(v) => onChange({ feeIndexes: v.map(Number).sort((a, b) => a - b) })}
        >
          <Stack gap="xs" mt="xs">
            {view.procedure.fees.map((fee, i) => (
              <Checkbox
                // biome-ignore lint/suspicious/noArrayIndexKey: fee rows are chosen by index
                key={i}
                value={String(i)}
                label={`${formatMoney(fee.amount, lang)} — ${fee.condition}`}
              />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
      {view.procedure.fees.some((f) => f.amount > 0) && draft.feeIndexes.length === 0 && (
        <TextInput
          id={fieldDomId('feeExemption')}
          label={t('apply.feeExemption')}
          description={t('apply.feeExemptionHelp')}
          value={draft.feeExemption ?? ''}
          onChange={(e) => onChange({ feeExemption: e.currentTarget.value })}
        />
      )}
    </Stack>
  );
}

function EditButton({
  step,
  what,
  onEditStep,
}: {
  step: number;
  what: string;
  onEditStep: (i: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <Button
      variant="subtle"
      size="compact-sm"
      onClick={() => onEditStep(step)}
      aria-label={t('apply.editWhat', { what })}
    >
      {t('apply.edit')}
    </Button>
  );
}

export function ReviewStep({
  view,
  draft,
  files,
  errors,
  steps,
  onEditStep,
}: {
  view: ApplicationView;
  draft: Required<DraftChanges>;
  files: UploadedFile[];
  errors: ErrorMap;
  steps: { index: number; kind: string; groupIndex: number }[];
  onEdit: (path: string) => void;
  onEditStep: (index: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const stepOf = (kind: string, groupIndex = -1) =>
    steps.find((s) => s.kind === kind && s.groupIndex === groupIndex)?.index ?? 0;
  // The server's total for the saved draft (what submission charges); a live preview only while
  // the fee choices or the delivery on screen are not yet the saved ones.
  const saved =
    draft.resultDelivery === view.resultDelivery &&
    draft.feeIndexes.length === view.feeIndexes.length &&
    draft.feeIndexes.every((i, k) => i === view.feeIndexes[k]);
  const postal = draft.resultDelivery === 'postal' ? view.postalFee : 0;
  const total = saved
    ? view.fees.total
    : draft.feeIndexes.reduce((sum, i) => sum + (view.procedure.fees[i]?.amount ?? 0), 0) + postal;
  const unitName = view.units.find((u) => u.code === draft.unitCode)?.name ?? '—';
  const errorCount = Object.keys(errors).length;
  return (
    <Stack gap="lg">
      <Text size="sm">{t('apply.reviewIntro')}</Text>
      {errorCount > 0 && (
        <Text c="red" size="sm" role="alert">
          {t('apply.reviewErrors', { count: errorCount })}
        </Text>
      )}
      {view.form.groups.map((group, gi) => {
        const raw = draft.answers[group.id];
        const rows = Array.isArray(raw) ? raw : [raw ?? {}];
        const title = titleOf(group, lang);
        return (
          <Stack key={group.id} gap={4}>
            <Group justify="space-between">
              <Title order={3} size="h5">
                {title}
              </Title>
              <EditButton onEditStep={onEditStep} step={stepOf('group', gi)} what={title} />
            </Group>
            {rows.map((row, ri) => (
              <Table
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
                key={ri}
                variant="vertical"
                layout="fixed"
                withTableBorder
                fz="sm"
              >
                <Table.Tbody>
                  {group.fields.map((field) => (
                    <Table.Tr key={field.id}>
                      <Table.Th w="40%">{labelOf(field, lang)}</Table.Th>
                      <Table.Td style={{ wordBreak: 'break-word' }}>
                        {answerText(field, row[field.id], lang, files)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ))}
          </Stack>
        );
      })}
      <Stack gap={4}>
        <Group justify="space-between">
          <Title order={3} size="h5">
            {t('apply.steps.documents')}
          </Title>
          <EditButton onEditStep={onEditStep} step={stepOf('documents')} what={t('apply.steps.documents')} />
        </Group>
        <Table variant="vertical" layout="fixed" withTableBorder fz="sm">
          <Table.Tbody>
            {view.procedure.documents.map((doc, index) => {
              const ids = draft.documents.find((d) => d.index === index)?.fileIds ?? [];
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: checklist positions
                <Table.Tr key={index}>
                  <Table.Th w="40%">{doc.name}</Table.Th>
                  <Table.Td style={{ wordBreak: 'break-word' }}>
                    {ids.length
                      ? ids.map((id) => files.find((f) => f.id === id)?.name ?? id).join(', ')
                      : doc.required
                        ? t('apply.missing')
                        : '—'}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Stack>
      <Stack gap={4}>
        <Group justify="space-between">
          <Title order={3} size="h5">
            {t('apply.steps.delivery')}
          </Title>
          <EditButton onEditStep={onEditStep} step={stepOf('delivery')} what={t('apply.steps.delivery')} />
        </Group>
        <Table variant="vertical" layout="fixed" withTableBorder fz="sm">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w="40%">{t('apply.unit')}</Table.Th>
              <Table.Td>{unitName}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('apply.delivery')}</Table.Th>
              <Table.Td>
                {draft.resultDelivery ? t(`apply.deliveryShort.${draft.resultDelivery}`) : '—'}
                {draft.resultDelivery === 'postal' && draft.deliveryAddress
                  ? ` — ${draft.deliveryAddress}`
                  : ''}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('apply.feeTotal')}</Table.Th>
              <Table.Td data-testid="fee-total">{formatMoney(total, lang)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Stack>
      <Text size="sm" c="dimmed">
        {t('apply.declaration')}
      </Text>
    </Stack>
  );
}
