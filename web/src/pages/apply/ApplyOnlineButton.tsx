import { Button, Modal, Text } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { startApplication } from '../../api/applications';
import { useMe } from '../../api/auth';
import { errorMessage } from '../../api/client';
import { ASSIST_ROLES, hasAnyRole } from '../../auth/roles';
import { AssistConsentForm } from '../assist/AssistConsentForm';

/** "Nộp hồ sơ trực tuyến" on a procedure page: log in first (as a citizen), then start or resume the draft. */
export function ApplyOnlineButton({ procedureCode }: { procedureCode: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [assisting, setAssisting] = useState(false);
  const start = async () => {
    if (!me.data) {
      navigate('/login', { state: { from: `/procedures/${encodeURIComponent(procedureCode)}?apply=1` } });
      return;
    }
    // A community digital team member submits for a citizen: who, and their consent, first.
    if (me.data.kind === 'staff' && hasAnyRole(me.data, ASSIST_ROLES)) {
      setAssisting(true);
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
      <Modal opened={assisting} onClose={() => setAssisting(false)} title={t('assist.title')} size="lg">
        <Text size="sm" c="dimmed" mb="sm">
          {t('assist.intro')}
        </Text>
        <AssistConsentForm procedureCode={procedureCode} onCancel={() => setAssisting(false)} />
      </Modal>
      {error && (
        <Text c="red" size="sm" role="alert" mt="xs">
          {error}
        </Text>
      )}
    </div>
  );
}
