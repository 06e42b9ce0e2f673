import { render } from 'preact';
import { loadConsoleConfig } from './api/console-client';
import { App } from './app';
import './styles.css';

const root = document.getElementById('app');
if (root !== null) {
  void loadConsoleConfig().then((config) => render(<App config={config} />, root));
}
