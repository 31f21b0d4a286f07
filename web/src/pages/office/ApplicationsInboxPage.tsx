import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type PendingApplication,
  useDecideApplication,
  useOfficeApplication,
  usePendingApplications,
} from '../../api/applications';
import { errorMessage } from '../../api/client';
import { Loading, QueryError } from '../../components/common';
import { formatDateTime, formatMoney } from '../../lib/format';
import { notify } from '../../lib/notify';
import { usePageTitle } from '../../lib/usePageTitle';
import { answerText, labelOf, titleOf } from '../apply/EFormFields';
import { uploadedFiles } from '../apply/ApplicationPage';

function ApplicationDetail({ item, onClose }: { item: PendingApplication; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const view = useOfficeApplication(item.id);
  const decide = useDecideApplication();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const accept = async () => {
    const result = await decide.mutateAsync({ id: item.id, accept: true });
    notify({ color: 'teal', message: t('onlineInbox.accepted', { code: result?.code ?? '' }) });
    onClose();
  };
  const refuse = async () => {
    await decide.mutateAsync({ id: item.id, accept: false, reason });
    notify({ color: 'teal', message: t('onlineInbox.refused') });
    onClose();
  };
  return (
    <Modal opened onClose={onClose} title={`${item.code ?? ''} — ${item.procedureName}`} size="xl">
      {view.isPending && <Loading />}
      {view.isError && <QueryError error={view.error} />}
      {view.data && (
        <Stack gap="md">
          {view.data.form.groups.map((group) => {
            const raw = view.data.answers[group.id];
            const rows = Array.isArray(raw) ? raw : [raw ?? {}];
            return (
              <Stack key={group.id} gap={4}>
                <Title order={3} size="h5">
                  {titleOf(group, lang)}
                </Title>
                {rows.map((row, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
                  <Table key={i} variant="vertical" layout="fixed" withTableBorder fz="sm">
                    <Table.Tbody>
                      {group.fields.map((f) => (
                        <Table.Tr key={f.id}>
                          <Table.Th w="40%">{labelOf(f, lang)}</Table.Th>
                          <Table.Td>{answerText(f, row[f.id], lang, uploadedFiles(view.data))}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                ))}
              </Stack>
            );
          })}
          <Stack gap={4}>
            <Title order={3} size="h5">
              {t('onlineInbox.documents')}
            </Title>
            {view.data.procedure.documents.map((doc, index) => {
              const ids = view.data.documents.find((d) => d.index === index)?.fileIds ?? [];
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: checklist positions
                <Group key={index} gap="xs" wrap="nowrap" align="flex-start">
                  <Text size="sm" style={{ flex: 1 }}>
                    {doc.name}
                  </Text>
                  <Stack gap={0}>
                    {ids.length === 0 && <Text size="sm">—</Text>}
                    {ids.map((id) => (
                      <Anchor key={id} size="sm" href={`/api/v1/files/${id}`}>
                        {view.data.files.find((f) => f.id === id)?.name ?? id}
                      </Anchor>
                    ))}
                  </Stack>
                </Group>
              );
            })}
          </Stack>
          <Text size="sm">
            {t('onlineInbox.delivery')}: {t(`apply.deliveryShort.${view.data.resultDelivery ?? 'counter'}`)}
            {view.data.deliveryAddress ? ` — ${view.data.deliveryAddress}` : ''} · {t('onlineInbox.fee')}:{' '}
            {formatMoney(view.data.fees.total, lang)} {view.data.paid ? `(${t('onlineInbox.paid')})` : ''}
          </Text>
          {decide.isError && (
            <Alert color="red" role="alert">
              {errorMessage(decide.error)}
            </Alert>
          )}
          {refusing ? (
            <Stack gap="xs">
              <Textarea
                label={t('onlineInbox.reason')}
                description={t('onlineInbox.reasonHelp')}
                required
                autosize
                minRows={3}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
              />
              <Group>
                <Button
                  color="red"
                  onClick={refuse}
                  loading={decide.isPending}
                  disabled={reason.trim().length < 5}
                >
                  {t('onlineInbox.confirmRefuse')}
                </Button>
                <Button variant="default" onClick={() => setRefusing(false)}>
                  {t('onlineInbox.cancel')}
                </Button>
              </Group>
            </Stack>
          ) : (
            <Group>
              <Button
                leftSection={<IconCheck size={16} aria-hidden />}
                onClick={accept}
                loading={decide.isPending}
              >
                {t('onlineInbox.accept')}
              </Button>
              <Button
                variant="light"
                color="red"
                leftSection={<IconX size={16} aria-hidden />}
                onClick={() => setRefusing(true)}
              >
                {t('onlineInbox.refuse')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Modal>
  );
}

/** Online applications waiting for the unit's acceptance. */
export default function ApplicationsInboxPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('onlineInbox.title'));
  const list = usePendingApplications();
  const [open, setOpen] = useState<PendingApplication | null>(null);
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('onlineInbox.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('onlineInbox.intro')}
      </Text>
      {list.isPending && <Loading />}
      {list.isError && <QueryError error={list.error} />}
      {list.data?.items.length === 0 && <Alert color="teal">{t('onlineInbox.empty')}</Alert>}
      {list.data && list.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('onlineInbox.code')}</Table.Th>
                <Table.Th>{t('onlineInbox.procedure')}</Table.Th>
                <Table.Th>{t('onlineInbox.applicant')}</Table.Th>
                <Table.Th>{t('onlineInbox.submittedAt')}</Table.Th>
                <Table.Th>{t('onlineInbox.fee')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    <Anchor component="button" onClick={() => setOpen(item)} ff="monospace">
                      {item.code}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{item.procedureName}</Table.Td>
                  <Table.Td>
                    {item.applicantName}
                    {item.assisted && (
                      <Badge variant="light" color="grape" ml="xs" data-testid="inbox-assisted">
                        {t('assist.inboxBadge')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{formatDateTime(item.submittedAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={item.paid ? 'teal' : 'gray'}>
                      {item.paid ? t('onlineInbox.paid') : t('onlineInbox.unpaid')}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="sm">
        <Anchor component={Link} to="/office/dossiers">
          {t('onlineInbox.toDossiers')}
        </Anchor>
      </Text>
      {open && <ApplicationDetail item={open} onClose={() => setOpen(null)} />}
    </Stack>
  );
}
