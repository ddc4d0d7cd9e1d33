import { mount } from 'svelte';
import './ui/global.css';
import App from './ui/App.svelte';

mount(App, { target: document.getElementById('app')! });
