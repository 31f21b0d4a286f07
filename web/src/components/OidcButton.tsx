import { Button } from '@mantine/core';
import { IconId } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { OIDC_LOGIN_URL, useOidcConfig } from '../api/profile';

/** "Đăng nhập bằng VNeID": shown only when the server offers the national single sign-on. */
export function OidcButton() {
  const { t } = useTranslation();
  const config = useOidcConfig();
  if (!config.data?.enabled) return null;
  return (
    <Button
      component="a"
      href={OIDC_LOGIN_URL}
      variant="default"
      fullWidth
      leftSection={<IconId size={18} aria-hidden />}
      data-testid="oidc-login"
    >
      {t('account.oidc.button', { name: config.data.name })}
    </Button>
  );
}
