// First: it configures zod before any schema parses (see the file).
import './zod-jitless';
import { createRoot } from 'react-dom/client';
import { keepSessionFresh } from './api/http';
import { App } from './App';
import './styles.css';

keepSessionFresh();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(<App />);
