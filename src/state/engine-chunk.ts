// What the engine chunk gives the light part of the app (loaded through engine.ts).
export { boot } from './boot';
export { World } from './world';
