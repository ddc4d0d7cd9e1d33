// Builds the app once and serves it for every browser test file.
import type { TestProject } from 'vitest/node';
import { serveBuilt } from './browser';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await serveBuilt();
  project.provide('baseUrl', server.url);
  return server.close;
}
