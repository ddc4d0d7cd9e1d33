import { mount } from 'svelte';
import './ui/global.css';
import App from './ui/App.svelte';

// public/startup-check.js found this browser lacking and said so: leave its message on screen
const startup = document.getElementById('startup-message');
if (!startup?.hasAttribute('data-reason')) {
  startup?.remove();
  mount(App, { target: document.getElementById('app')! });
}
