import { createRoot, hydrateRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { AppProviders } from './AppProviders';
import { createQueryClient } from './api/queryClient';
import i18n, { i18nReady, preferredLanguage } from './i18n';
import { onHydrated, prerenderedState } from './lib/prerender';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');

const prerendered = prerenderedState();
const app = (
  <AppProviders queryClient={createQueryClient()} state={prerendered?.queries}>
    <BrowserRouter>
      <App />
    </BrowserRouter>
  </AppProviders>
);

// Vietnamese is bundled; a visitor who chose English waits for its texts rather than seeing a flash of Vietnamese.
void i18nReady.then(() => {
  if (!prerendered) {
    createRoot(root).render(app);
    return;
  }
  // The server's page is adopted as it is (same language, same API answers); then the visitor's
  // own language, if another, is applied.
  hydrateRoot(root, app, { onRecoverableError: (error) => console.warn('hydration:', error) });
  onHydrated(() => {
    if (i18n.language !== preferredLanguage) void i18n.changeLanguage(preferredLanguage);
  });
});
