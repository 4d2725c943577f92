import type { LabelledAccessRequest } from '../confusion-matrix.js';
import { HOLDOUT_REQUESTS } from './holdout-requests.js';
import { HOSTILE_REQUESTS } from './hostile-requests.js';
import { LEGITIMATE_REQUESTS } from './legitimate-requests.js';

/** The requests the default rules were written against. */
export const SIGNAL_TUNING_CORPUS: readonly LabelledAccessRequest[] = /* @__PURE__ */ LEGITIMATE_REQUESTS.concat(HOSTILE_REQUESTS);

/** Requests written after the default rules were frozen; never used to change them. */
export const SIGNAL_HOLDOUT_CORPUS: readonly LabelledAccessRequest[] = HOLDOUT_REQUESTS;

/** Every labelled request; ids are unique across the files. */
export const SIGNAL_CORPUS: readonly LabelledAccessRequest[] = /* @__PURE__ */ SIGNAL_TUNING_CORPUS.concat(SIGNAL_HOLDOUT_CORPUS);
