import {
  Alert,
  Anchor,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconFileSpreadsheet, IconFileTypePdf } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../api/auth';
import { downloadLogbook, type LogbookFormat } from '../../api/dossiers';
import { useUnits } from '../../api/public';
import type { Me } from '../../api/auth';
import type { Unit } from '../../api/public';
import { DOSSIER_READERS } from '../../auth/roles';
import { todayInVietnam } from '../../lib/format';
import { useDownload } from '../../lib/useDownload';
import { usePageTitle } from '../../lib/usePageTitle';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The units whose logbook the user may print: where a staff role is held, and units below when it covers them. */
function logbookUnits(me: Me | null | undefined, all: Unit[] | undefined): { code: string; name: string }[] {
  const out = new Map<string, string>();
  const children = new Map<string, Unit[]>();
  for (const u of all ?? []) {
    if (!u.parentCode) continue;
    const list = children.get(u.parentCode) ?? [];
    list.push(u);
    children.set(u.parentCode, list);
  }
  const names = new Map((all ?? []).map((u) => [u.code, u.name]));
  for (const r of me?.roles ?? []) {
    if (!r.unitCode || !r.capabilities.includes(DOSSIER_READERS)) continue;
    out.set(r.unitCode, r.unitName ?? names.get(r.unitCode) ?? r.unitCode);
    if (!r.includeDescendants) continue;
    const queue = [...(children.get(r.unitCode) ?? [])];
    for (let i = 0; i < queue.length && i < 5000; i++) {
      const u = queue[i] as Unit;
      if (out.has(u.code)) continue;
      out.set(u.code, u.name);
      queue.push(...(children.get(u.code) ?? []));
    }
  }
  return [...out].map(([code, name]) => ({ code, name }));
}

/** Sổ theo dõi hồ sơ (Mẫu 06): every dossier a unit received in a period, as PDF or Excel. */
export default function LogbookPage() {
  const { t } = useTranslation();
  usePageTitle(t('logbook.title'));
  const me = useMe().data;
  const allUnits = useUnits();
  const units = useMemo(() => logbookUnits(me, allUnits.data), [me, allUnits.data]);
  const today = todayInVietnam();
  const [unitCode, setUnitCode] = useState('');
  const unit = units.some((u) => u.code === unitCode) ? unitCode : (units[0]?.code ?? '');
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const download = useDownload(downloadLogbook, 'logbook.downloaded');
  const failure = download.failure;

  const start = (format: LogbookFormat) => {
    const local: Record<string, string> = {};
    if (!unit) local.unit = t('editor.required');
    if (!DATE_RE.test(from)) local.from = t('calendar.invalidDate');
    if (!DATE_RE.test(to)) local.to = t('calendar.invalidDate');
    if (!local.from && !local.to && from > to) local.to = t('logbook.toBeforeFrom');
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    download.mutate({ unit, from, to, format });
  };
  const pending = download.isPending ? download.variables?.format : null;

  return (
    <Stack gap="md" maw={760}>
      <Anchor component={Link} to="/office/dossiers" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          {t('inbox.title')}
        </Group>
      </Anchor>
      <Title order={1}>{t('logbook.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('logbook.intro')}
      </Text>
      {units.length === 0 && me && (
        <Alert color="orange" role="status">
          {t('office.noRoles')}
        </Alert>
      )}
      <Paper withBorder p="md">
        <form
          noValidate
          data-testid="logbook-form"
          onSubmit={(event) => {
            event.preventDefault();
            start('pdf');
          }}
        >
          <Stack gap="md">
            {failure && (
              <Alert
                color="red"
                icon={<IconAlertTriangle aria-hidden />}
                role="alert"
                data-testid="logbook-error"
              >
                {failure}
              </Alert>
            )}
            {units.length > 1 ? (
              <NativeSelect
                label={t('logbook.unit')}
                data={units.map((u) => ({ value: u.code, label: u.name }))}
                value={unit}
                onChange={(e) => setUnitCode(e.currentTarget.value)}
                error={errors.unit}
                data-testid="logbook-unit"
              />
            ) : (
              units[0] && (
                <Text size="sm">
                  {t('logbook.unit')}:{' '}
                  <Text span fw={600}>
                    {units[0].name}
                  </Text>
                </Text>
              )
            )}
            <Group gap="md" align="flex-start" grow preventGrowOverflow={false} wrap="wrap">
              <TextInput
                type="date"
                label={t('logbook.from')}
                required
                value={from}
                max={to || undefined}
                onChange={(e) => setFrom(e.currentTarget.value)}
                error={errors.from}
                style={{ minWidth: '10rem' }}
                data-testid="logbook-from"
              />
              <TextInput
                type="date"
                label={t('logbook.to')}
                required
                value={to}
                min={from || undefined}
                onChange={(e) => setTo(e.currentTarget.value)}
                error={errors.to}
                style={{ minWidth: '10rem' }}
                data-testid="logbook-to"
              />
            </Group>
            <Group gap="sm">
              <Button
                type="submit"
                leftSection={<IconFileTypePdf size={18} aria-hidden />}
                loading={pending === 'pdf'}
                disabled={!unit || (download.isPending && pending !== 'pdf')}
                data-testid="logbook-pdf"
              >
                {t('logbook.pdf')}
              </Button>
              <Button
                variant="light"
                leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
                loading={pending === 'xlsx'}
                disabled={!unit || (download.isPending && pending !== 'xlsx')}
                onClick={() => start('xlsx')}
                data-testid="logbook-xlsx"
              >
                {t('logbook.xlsx')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
