import { Button } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

/** Toggles Vietnamese ⇄ English; i18n persists the choice and updates <html lang>. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const next = i18n.language === 'en' ? 'vi' : 'en';
  return (
    <Button
      variant="subtle"
      size="compact-md"
      leftSection={<IconLanguage size={18} aria-hidden />}
      lang={next}
      aria-label={t('language.switchTo', { lng: next })} // the label is spoken in the language it offers (lang={next})
      data-testid="language-switch"
      onClick={async () => {
        await i18n.changeLanguage(next);
        // Server messages (validation, explanations) come back in the chosen language.
        await queryClient.invalidateQueries();
      }}
    >
      {next === 'en' ? 'English' : 'Tiếng Việt'}
    </Button>
  );
}
