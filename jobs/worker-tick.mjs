// bree's worker for every job: it only tells the main thread that a slot has come. The job
// body runs there, because a worker thread must never open the database (PGlite is one
// process's, and tsx cannot load .ts files into bree's workers anyway).
import { parentPort } from 'node:worker_threads';

parentPort?.postMessage('tick');
