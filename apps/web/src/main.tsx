// First: it configures zod before any schema parses (see the file).
import './zod-jitless';
import { createRoot } from 'react-dom/client';
import { keepSessionFresh } from './api/http';
import { App } from './App';
import { startI18n } from './i18n';
import './styles.css';

keepSessionFresh();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// Every namespace of the chosen language loads first: no string waits mid-meeting.
// A failed load still renders (i18next falls back to the keys, or English where it loaded).
void startI18n()
  .catch((error: unknown) => console.error('translations failed to load', error))
  .then(() => createRoot(root).render(<App />));
