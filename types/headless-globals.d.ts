// Host APIs that browsers, Web Workers and Node all provide, declared for
// tsconfig.headless.json (lib ES2023, no DOM, no @types/node). Add an API here
// only if every one of those hosts has it. Timers are left out on purpose:
// the engine gets time only from its virtual clock.
declare function structuredClone<T>(value: T): T
