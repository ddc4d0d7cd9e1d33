import { mount } from 'svelte';
import './ui/global.css';
import App from './ui/App.svelte';

// the app has started: the start-up message in index.html is not needed
document.getElementById('startup-message')?.remove();
mount(App, { target: document.getElementById('app')! });
