// Comlink ships the types of its ES module builds as .d.ts files beside the .mjs files that Node
// must import; these name the types for the paths that are imported.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  export { default } from 'comlink/dist/esm/node-adapter';
}
declare module 'comlink/dist/esm/comlink.mjs' {
  export * from 'comlink';
}
