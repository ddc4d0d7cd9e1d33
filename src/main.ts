import { mount } from 'svelte';
import './ui/global.css';
import App from './ui/App.svelte';
import Audience from './ui/workshop/Audience.svelte';

// the app has started: the start-up message in index.html is not needed
document.getElementById('startup-message')?.remove();
// `?audience=ID`: the projector window opened by Present, which only shows what it is sent
const audience = new URLSearchParams(location.search).get('audience');
const target = document.getElementById('app')!;
if (audience) mount(Audience, { target, props: { id: audience } });
else mount(App, { target });
