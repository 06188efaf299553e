/** Entry: strings first (the default locale is bundled; another is fetched once), then the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
import './styles/base.css';
import './styles/teach.css';
import './styles/screen.css';
import './styles/tablet.css';

void initI18n().then(() => {
  const root = document.getElementById('root');
  if (root) {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  }
});
