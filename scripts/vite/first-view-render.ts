// Build time only: the sample's first view as the app draws it on a first visit, rendered to HTML
// by Svelte's server renderer from the app's own components, started the app's own way, on the
// engine in this process and an in-memory IndexedDB. scripts/vite/first-view.ts puts it in the page.
import 'fake-indexeddb/auto';
import { render } from 'svelte/server';
import App from '../../src/ui/App.svelte';
import { AppState } from '../../src/state/app.svelte';
import { WorkbookStore } from '../../src/storage/store';
import { HeadroomDb } from '../../src/storage/db';
import { InProcessEngine } from '../../src/engine-client/in-process';
import { financialYearOf } from '../../src/model/dates';

export type FirstView = {
  /** The app's markup with the sample's figures. */
  html: string;
  /** The financial year it was drawn in: "this year" on screen, and the year the figures are for. */
  fy: string;
};

export async function renderFirstView(): Promise<FirstView> {
  // the app reads the date itself ("this year"); this is the same moment, give or take a second
  const today = new Date();
  const app = new AppState(new WorkbookStore(new HeadroomDb(`headroom-first-view-${today.getTime()}`)), new InProcessEngine());
  await app.start();
  if (!app.results.view) throw new Error(`the sample's first view has no figures${app.results.engineError ? `: ${app.results.engineError}` : ''}`);
  // drawn as it is while the app opens: "Opening…", since nothing is stored in the browser yet
  app.persistence.begin(0);
  const { body } = render(App, { props: { app } });
  app.dispose();
  return { html: body, fy: financialYearOf(today.toISOString().slice(0, 10)) };
}
