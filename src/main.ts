// first: the script-address policy must exist before anything starts a worker
import './trusted-types';
import { mount } from 'svelte';
import './ui/global.css';
import App from './ui/App.svelte';

// the app's modules have been fetched and evaluated (docs/performance.md, start-up)
performance.mark('headroom:main');

// public/startup-check.js found this browser lacking and said so: leave its message on screen
const startup = document.getElementById('startup-message');
if (!startup?.hasAttribute('data-reason')) {
  startup?.remove();
  // `?audience=ID`: the projector window opened by Present, which only shows what it is sent
  const audience = new URLSearchParams(location.search).get('audience');
  const target = document.getElementById('app')!;
  // its charts (Chart.js) load with it, not with the planner's first figure
  if (audience) void import('./ui/workshop/Audience.svelte').then(({ default: Audience }) => mount(Audience, { target, props: { id: audience } }));
  else mount(App, { target });
}
