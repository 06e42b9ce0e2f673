// Tracing is required first so that the modules loaded after it are instrumented.
import { tracing } from './tracing';
import { bootstrap } from './bootstrap';

bootstrap(tracing);
