import { Alert, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconInfoCircle, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../lib/usePageTitle';

export function TrackPage() {
  const { t } = useTranslation();
  usePageTitle(t('track.title'));
  const [code, setCode] = useState('');
  const [submitted, setSubmitted] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  return (
    <Stack gap="lg" maw={640} mx="auto">
      <div>
        <Title order={1}>{t('track.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('track.intro')}
        </Text>
      </div>
      <Paper
        withBorder
        p="md"
        component="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const value = code.trim();
          if (!value) {
            setError(t('track.codeRequired'));
            setSubmitted(null);
            return;
          }
          setError(null);
          setSubmitted(value);
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('track.codeLabel')}
            description={t('track.codeHelp')}
            placeholder="000.00.20.H56-250701-0001"
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            error={error}
            autoComplete="off"
            spellCheck={false}
            data-testid="track-code"
          />
          <div>
            <Button type="submit" leftSection={<IconSearch size={16} aria-hidden />}>
              {t('track.submit')}
            </Button>
          </div>
        </Stack>
      </Paper>
      <div aria-live="polite">
        {submitted && (
          <Alert
            icon={<IconInfoCircle aria-hidden />}
            color="blue"
            title={t('track.comingSoonTitle')}
            data-testid="track-result"
          >
            {t('track.comingSoon', { code: submitted })}
          </Alert>
        )}
      </div>
    </Stack>
  );
}
