import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { ApiError, errorMessage } from '../../api/client';
import {
  type ActionBody,
  type ActionType,
  type AllowedAction,
  actOnDossier,
  type DossierView,
  dossierKeys,
} from '../../api/dossiers';
import { useProcedure, useUnits } from '../../api/public';
import type { DocumentForm } from '../../api/public';
import { unitOptions } from '../../lib/catalog';
import { stepLabel, toVietnamLocalInput } from '../../lib/dossier';
import { formatDateTime, localToIsoVietnam } from '../../lib/format';
import { notify } from '../../lib/notify';

/** Actions that end or refuse the dossier: the confirm button is red. */
const DESTRUCTIVE = new Set(['refuse', 'withdraw', 'cancel']);
const REASON_REQUIRED = new Set(['refuse', 'withdraw', 'cancel', 'extend', 'request_supplement']);

export function actionLabel(action: AllowedAction, t: TFunction, lang: string): string {
  // The process definition names its actions in Vietnamese; other languages use the type.
  if (lang === 'vi' && action.label) return action.label;
  const base = t(`dossierAction.${action.type}`, { defaultValue: action.label });
  if ((action.type === 'forward' || action.type === 'transfer') && action.to) {
    return t('action.toLabel', { action: base, step: stepLabel(action.to, t) });
  }
  return base;
}

function SupplementItems({
  procedureCode,
  picked,
  setPicked,
  other,
  setOther,
  error,
}: {
  procedureCode: string;
  picked: Record<number, boolean>;
  setPicked: (next: Record<number, boolean>) => void;
  other: string;
  setOther: (v: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const procedure = useProcedure(procedureCode);
  return (
    <Stack gap="xs">
      <Checkbox.Group
        label={t('action.supplementItems')}
        description={t('action.supplementItemsHelp')}
        error={error}
        value={Object.entries(picked)
          .filter(([, v]) => v)
          .map(([k]) => k)}
        onChange={(values) => setPicked(Object.fromEntries(values.map((v) => [Number(v), true])))}
      >
        <Stack gap={6} mt={6}>
          {(procedure.data?.documents ?? []).map((doc, index) => (
            <Checkbox
              // biome-ignore lint/suspicious/noArrayIndexKey: the checklist position is the identity
              key={index}
              value={String(index)}
              label={doc.name}
              data-testid="supplement-doc"
            />
          ))}
        </Stack>
      </Checkbox.Group>
      <Textarea
        label={t('action.supplementOther')}
        description={t('editor.onePerLine')}
        autosize
        minRows={2}
        value={other}
        onChange={(e) => setOther(e.currentTarget.value)}
      />
    </Stack>
  );
}

export function DossierActionModal({
  dossier,
  action,
  onClose,
  onReload,
}: {
  dossier: DossierView;
  action: AllowedAction | null;
  onClose: () => void;
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation();
  const opened = action !== null;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={action ? actionLabel(action, t, i18n.language) : ''}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {action && (
        <ActionForm
          key={`${action.type}-${action.to}`}
          dossier={dossier}
          action={action}
          onClose={onClose}
          onReload={onReload}
        />
      )}
    </Modal>
  );
}

function ActionForm({
  dossier,
  action,
  onClose,
  onReload,
}: {
  dossier: DossierView;
  action: AllowedAction;
  onClose: () => void;
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const me = useMe().data;
  const units = useUnits();
  const type = action.type;

  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [newDueAt, setNewDueAt] = useState(() => toVietnamLocalInput(dossier.dueAt));
  const [unitCode, setUnitCode] = useState('');
  const [assigneeId, setAssigneeId] = useState(me?.id ?? '');
  const [title, setTitle] = useState('');
  const [number, setNumber] = useState('');
  const [method, setMethod] = useState<string>(
    ['counter', 'postal', 'online'].includes(dossier.resultDelivery) ? dossier.resultDelivery : 'counter',
  );
  const [trackingNumber, setTrackingNumber] = useState('');
  const [receiverName, setReceiverName] = useState('');
  const [picked, setPicked] = useState<Record<number, boolean>>({});
  const [other, setOther] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const procedure = useProcedure(type === 'request_supplement' ? dossier.procedure.code : undefined);

  const mutation = useMutation({
    mutationFn: (body: ActionBody) => actOnDossier(dossier.code, body),
    onSuccess: async (view) => {
      queryClient.setQueryData(dossierKeys.detail(view.code), view);
      notify({
        color: 'green',
        message: t('action.done', { action: actionLabel(action, t, i18n.language) }),
      });
      onClose();
      await queryClient.invalidateQueries({ queryKey: dossierKeys.lists });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'version_conflict') {
        setConflict(true);
        setFailure(null);
        return;
      }
      if (error instanceof ApiError && error.status === 403) {
        setFailure(t('action.forbidden'));
        return;
      }
      const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};
      setErrors(fieldErrors);
      setFailure(errorMessage(error));
    },
  });

  const build = (): { body: ActionBody | null; local: Record<string, string> } => {
    const local: Record<string, string> = {};
    // The server offers only action types its workflow knows (and checks them again).
    const body: ActionBody = { action: type as ActionType, expectedVersion: dossier.version };
    if (note.trim()) body.note = note.trim();
    const r = reason.trim();
    if (REASON_REQUIRED.has(type) && !r) local.reason = t('editor.required');
    switch (type) {
      case 'forward':
        if (action.to) body.toStep = action.to;
        break;
      case 'assign':
        if (!assigneeId.trim()) local.assigneeId = t('editor.required');
        body.assigneeId = assigneeId.trim();
        break;
      case 'request_supplement': {
        const docs = procedure.data?.documents ?? [];
        const items: { document: string; form?: DocumentForm }[] = [];
        for (const [index, on] of Object.entries(picked)) {
          const doc = docs[Number(index)];
          if (on && doc) items.push({ document: doc.name, form: doc.form });
        }
        for (const line of other.split('\n')) if (line.trim()) items.push({ document: line.trim() });
        if (items.length === 0) local.items = t('action.itemsRequired');
        body.items = items;
        body.reason = r;
        break;
      }
      case 'refuse':
      case 'withdraw':
      case 'cancel':
        body.reason = r;
        break;
      case 'extend': {
        const iso = localToIsoVietnam(newDueAt);
        if (!iso) local.newDueAt = t('calendar.invalidDate');
        else if (new Date(iso).getTime() <= Math.max(new Date(dossier.appointmentAt).getTime(), Date.now()))
          local.newDueAt = t('action.newDueAfter');
        body.newDueAt = iso ?? '';
        body.reason = r;
        break;
      }
      case 'transfer':
        // A liên thông step names its unit: the target step is enough. Otherwise the unit is chosen.
        if (action.to) body.toStep = action.to;
        else {
          if (!unitCode) local.unitCode = t('editor.required');
          body.unitCode = unitCode;
        }
        break;
      case 'attach_result':
        if (!title.trim()) local.title = t('editor.required');
        body.title = title.trim();
        if (number.trim()) body.number = number.trim();
        break;
      case 'return':
        body.method = method;
        if (method === 'postal') {
          if (!trackingNumber.trim()) local.trackingNumber = t('action.trackingRequired');
          body.trackingNumber = trackingNumber.trim();
        } else if (trackingNumber.trim()) body.trackingNumber = trackingNumber.trim();
        if (receiverName.trim()) body.receiverName = receiverName.trim();
        break;
      default:
        break;
    }
    return { body: Object.keys(local).length ? null : body, local };
  };

  const needsReason = ['refuse', 'withdraw', 'cancel', 'extend', 'request_supplement'].includes(type);

  return (
    <form
      noValidate
      data-testid="action-form"
      data-action={type}
      onSubmit={(event) => {
        event.preventDefault();
        const { body, local } = build();
        setErrors(local);
        setFailure(null);
        if (body) mutation.mutate(body);
      }}
    >
      <Stack gap="sm">
        {conflict && (
          <Alert
            color="orange"
            icon={<IconAlertTriangle aria-hidden />}
            role="alert"
            data-testid="version-conflict"
          >
            <Stack gap="xs">
              <Text size="sm">{t('action.conflict')}</Text>
              <div>
                <Button
                  size="compact-sm"
                  variant="light"
                  color="orange"
                  leftSection={<IconRefresh size={16} aria-hidden />}
                  onClick={() => {
                    onReload();
                    onClose();
                  }}
                >
                  {t('action.reload')}
                </Button>
              </div>
            </Stack>
          </Alert>
        )}
        {failure && (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert" data-testid="action-error">
            {failure}
          </Alert>
        )}
        <Text size="sm" c="dimmed">
          {t('action.on', { code: dossier.code })}
          {(type === 'forward' || type === 'transfer') &&
            action.to &&
            ` ${t('action.toStep', { step: stepLabel(action.to, t, null, i18n.language) })}`}
        </Text>

        {type === 'assign' && (
          <TextInput
            label={t('action.assignee')}
            description={t('action.assigneeHelp', { name: me?.fullName ?? '' })}
            value={assigneeId}
            onChange={(e) => setAssigneeId(e.currentTarget.value)}
            error={errors.assigneeId}
            data-autofocus
          />
        )}
        {type === 'request_supplement' && (
          <SupplementItems
            procedureCode={dossier.procedure.code}
            picked={picked}
            setPicked={setPicked}
            other={other}
            setOther={setOther}
            error={errors.items}
          />
        )}
        {type === 'extend' && (
          <TextInput
            type="datetime-local"
            label={t('action.newDueAt')}
            description={t('action.newDueAtHelp', { due: formatDateTime(dossier.dueAt, i18n.language) })}
            value={newDueAt}
            onChange={(e) => setNewDueAt(e.currentTarget.value)}
            error={errors.newDueAt}
            required
            data-autofocus
            data-testid="action-new-due"
          />
        )}
        {type === 'transfer' && !action.to && (
          <NativeSelect
            label={t('action.unit')}
            data={[
              { value: '', label: t('users.chooseUnit') },
              ...unitOptions((units.data ?? []).filter((u) => u.code !== dossier.currentUnit.code)),
            ]}
            value={unitCode}
            onChange={(e) => setUnitCode(e.currentTarget.value)}
            error={errors.unitCode}
            required
            data-autofocus
          />
        )}
        {type === 'attach_result' && (
          <>
            <TextInput
              label={t('action.resultTitle')}
              description={t('action.resultTitleHelp')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={errors.title}
              required
              data-autofocus
              data-testid="action-result-title"
            />
            <TextInput
              label={t('action.resultNumber')}
              value={number}
              onChange={(e) => setNumber(e.currentTarget.value)}
              error={errors.number}
              data-testid="action-result-number"
            />
          </>
        )}
        {type === 'return' && (
          <>
            <NativeSelect
              label={t('action.method')}
              data={(['counter', 'postal', 'online'] as const).map((m) => ({
                value: m,
                label: t(`resultDelivery.${m}`),
              }))}
              value={method}
              onChange={(e) => setMethod(e.currentTarget.value)}
              error={errors.method}
              data-autofocus
              data-testid="action-method"
            />
            <TextInput
              label={t('action.receiverName')}
              value={receiverName}
              onChange={(e) => setReceiverName(e.currentTarget.value)}
              error={errors.receiverName}
              data-testid="action-receiver"
            />
            {method === 'postal' && (
              <TextInput
                label={t('action.trackingNumber')}
                value={trackingNumber}
                onChange={(e) => setTrackingNumber(e.currentTarget.value)}
                error={errors.trackingNumber}
                required
                data-testid="action-tracking"
              />
            )}
          </>
        )}
        {needsReason && (
          <Textarea
            label={type === 'extend' ? t('action.delayReason') : t('action.reason')}
            required={REASON_REQUIRED.has(type)}
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
            data-autofocus={type === 'refuse' || type === 'withdraw' || type === 'cancel' ? true : undefined}
            data-testid="action-reason"
          />
        )}
        <Textarea
          label={t('action.note')}
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note}
          data-autofocus={['forward', 'approve', 'receive_supplement'].includes(type) ? true : undefined}
          data-testid="action-note"
        />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            color={DESTRUCTIVE.has(type) ? 'red.9' : undefined}
            loading={mutation.isPending}
            disabled={conflict}
            className="wrap-button"
            data-testid="action-submit"
          >
            {actionLabel(action, t, i18n.language)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
