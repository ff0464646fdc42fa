// Starts a sweep worker thread under tsx, which the CLI runs on but which worker threads do
// not inherit.
import { register } from 'tsx/esm/api';

register();
await import('./sweepWorker.ts');
