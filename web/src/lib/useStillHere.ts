import { useCallback, useRef } from 'react';
import { useLocation } from 'react-router';

/**
 * Whether the browser is still on this page. A link click pushes the new URL at once, but the router
 * keeps the old page on screen while the new one's code loads: a debounced write of the old page's
 * state to the URL in that moment would take the user back. Check this before such late writes.
 */
export function useStillHere(): () => boolean {
  const { pathname } = useLocation();
  const here = useRef(pathname);
  here.current = pathname;
  return useCallback(() => window.location.pathname === here.current, []);
}
