import { Button } from '@mantine/core';
import { IconLogin } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** "Đăng nhập" in the header, for a visitor not signed in (Shell before UserArea loads, and UserArea). */
export function LoginButton() {
  const { t } = useTranslation();
  return (
    <Button
      component={Link}
      to="/login"
      variant="filled"
      size="compact-md"
      leftSection={<IconLogin size={18} aria-hidden />}
    >
      {t('nav.login')}
    </Button>
  );
}
