import { Divider, Drawer, Stack, Text } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink } from 'react-router';
import { useMe } from '../api/auth';
import { PublicLinks } from './PublicLinks';

// Loaded with this menu, i.e. only once a phone user opens it: the Drawer brings its focus trap,
// scroll lock and transitions, which a citizen who never opens the menu does not need.
const OfficeMenu = lazy(() => import('./OfficeMenu').then((m) => ({ default: m.OfficeMenu })));
const LogoutButton = lazy(async () => {
  const { useLogoutAction } = await import('./UserArea');
  // biome-ignore lint/correctness/noComponentHookFactories: lazy() calls this factory once, so the component is defined once
  function LogoutButton({ onNavigate }: { onNavigate: () => void }) {
    const { t } = useTranslation();
    const doLogout = useLogoutAction();
    return (
      <button
        type="button"
        className="header-link"
        style={{ border: 0, background: 'none', font: 'inherit', textAlign: 'start', cursor: 'pointer' }}
        onClick={() => {
          onNavigate();
          doLogout();
        }}
      >
        {t('nav.logout')}
      </button>
    );
  }
  return { default: LogoutButton };
});

function MobileUserLinks({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  if (!me.data) {
    return (
      <RouterNavLink to="/login" className="header-link" onClick={onNavigate}>
        {t('nav.login')}
      </RouterNavLink>
    );
  }
  return (
    <Stack gap={4}>
      <Text size="sm" c="dimmed" px="sm">
        {t('nav.signedInAs', { name: me.data.fullName })}
      </Text>
      {me.data.kind === 'staff' && (
        <RouterNavLink to="/office" end className="header-link" onClick={onNavigate}>
          {t('nav.office')}
        </RouterNavLink>
      )}
      <Suspense fallback={null}>
        <LogoutButton onNavigate={onNavigate} />
      </Suspense>
    </Stack>
  );
}

/** The phone menu (below the `sm` breakpoint): public links, staff menu, and the user's links. */
export function MobileMenu({
  opened,
  onClose,
  office,
}: {
  opened: boolean;
  onClose: () => void;
  office: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      id="mobile-menu"
      title={t('app.name')}
      size="80%"
      hiddenFrom="sm"
      closeButtonProps={{ 'aria-label': t('nav.closeMenu') }}
    >
      <nav aria-label={t('nav.main')}>
        <PublicLinks vertical onNavigate={onClose} />
        {office && (
          <>
            <Divider my="sm" label={t('nav.office')} labelPosition="left" />
            <Suspense fallback={null}>
              <OfficeMenu onNavigate={onClose} />
            </Suspense>
          </>
        )}
        <Divider my="sm" />
        <MobileUserLinks onNavigate={onClose} />
      </nav>
    </Drawer>
  );
}
