import { Button, Text } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { startApplication } from '../../api/applications';
import { useMe } from '../../api/auth';
import { errorMessage } from '../../api/client';

/** "Nộp hồ sơ trực tuyến" on a procedure page: log in first (as a citizen), then start or resume the draft. */
export function ApplyOnlineButton({ procedureCode }: { procedureCode: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    if (!me.data) {
      navigate('/login', { state: { from: `/procedures/${encodeURIComponent(procedureCode)}?apply=1` } });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const draft = await startApplication(procedureCode);
      navigate(`/applications/${draft.id}`);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <div>
      <Button size="md" leftSection={<IconSend size={18} aria-hidden />} onClick={start} loading={busy}>
        {t('apply.start')}
      </Button>
      {error && (
        <Text c="red" size="sm" role="alert" mt="xs">
          {error}
        </Text>
      )}
    </div>
  );
}
