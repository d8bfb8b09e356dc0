// The package's entry: the generated SDK (runtime, apis, models) and the hand-written helpers beside it.
export * from './runtime';
export * from './apis/index';
export * from './models/index';
export * from './problems';
export * from './follow';
export * from './webhooks';
