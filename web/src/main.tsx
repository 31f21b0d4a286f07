// The page's first script: styles, then the app, at once or (on a page the server pre-rendered) on
// the visitor's first touch. A citizen reading a procedure on a phone sees it without waiting for
// the app's code; the first tap, key, scroll or hover fetches the code and brings the page to life.
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';

import { prerenderedState, whenTouched } from './lib/prerender';

const boot = () => import('./boot');

if (prerenderedState()) whenTouched(boot);
else void boot();
