import { Alert } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '../api/auth';
import { errorMessage } from '../api/client';
import type { Capability } from './roles';
import { Loading } from '../components/common';
import { hasAnyRole } from './roles';

/** Set while the user logs out, so that leaving the staff area goes home rather than to /login. */
export const logoutState = { leaving: false };

export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return <Loading />;
  }
  if (me.isError) {
    return (
      <Alert color="red" m="md" title={t('errors.title')} role="alert">
        {errorMessage(me.error)}
      </Alert>
    );
  }
  if (!me.data) {
    if (logoutState.leaving) return <Navigate to="/" replace />;
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return <>{children}</>;
}

/** The staff page where the second factor is turned on (pages/office/SecurityPage.tsx). */
export const SECURITY_PATH = '/office/security';

/**
 * Issue 14 §4: an administrator of whom production requires a second factor, without one, goes to
 * the security page first (the server refuses them everything else: 403 `totp_enrolment_required`).
 */
export function RequireSecondFactor({ children }: { children: ReactNode }) {
  const me = useMe();
  const { pathname } = useLocation();
  if (me.data?.totpRequired && !me.data.totpEnabled && pathname !== SECURITY_PATH)
    return <Navigate to={SECURITY_PATH} replace />;
  return <>{children}</>;
}

export function RequireRole({ roles }: { roles: Capability }) {
  const { t } = useTranslation();
  const me = useMe();
  if (!hasAnyRole(me.data, roles)) {
    return (
      <Alert color="orange" icon={<IconLock aria-hidden />} title={t('office.forbidden.title')} role="alert">
        {t('office.forbidden.text')}
      </Alert>
    );
  }
  return <Outlet />;
}
