// The page's first script: styles, then the app, at once or (on a page the server pre-rendered) on
// the visitor's first touch. A citizen reading a procedure on a phone sees it without waiting for
// the app's code; the first tap, key, scroll or hover fetches the code and brings the page to life.
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';

import { prerenderedState, whenTouched } from './lib/prerender';

const boot = () => import('./boot');

// Back from the payment gateway, the page waits for the payment's confirmation (it polls): at once.
const waiting = new URLSearchParams(window.location.search).has('payment');
if (prerenderedState() && !waiting) whenTouched(boot);
else void boot();
