import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useLogout, useMe } from '../api/auth';
import { errorMessage } from '../api/client';
import { logoutState } from '../auth/guards';
import { notify } from '../lib/notify';
import { LoginButton } from './LoginButton';

export function useLogoutAction(): () => void {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  return () => {
    // Leave the staff area: once the user is forgotten its guard must not send us to /login.
    logoutState.leaving = true;
    window.setTimeout(() => {
      logoutState.leaving = false;
    }, 2000);
    navigate('/');
    logout.mutate(undefined, {
      onSuccess: () => notify({ color: 'green', message: t('auth.loggedOut') }),
      onError: (error) => notify({ color: 'red', message: errorMessage(error) }),
    });
  };
}

/** Header: "Đăng nhập", or the user's name with a menu (staff area, log out). */
export function UserArea() {
  const { t } = useTranslation();
  const me = useMe();
  const doLogout = useLogoutAction();
  if (!me.data) {
    return <LoginButton />;
  }
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          size="compact-md"
          leftSection={<IconUserCircle size={18} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
          aria-label={t('nav.userMenu', { name: me.data.fullName })}
          data-testid="user-menu"
        >
          {me.data.fullName}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {me.data.kind === 'staff' && (
          <Menu.Item component={Link} to="/office">
            {t('nav.office')}
          </Menu.Item>
        )}
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={doLogout}>
          {t('nav.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
