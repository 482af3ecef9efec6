import { LABS } from '@tracelab/faults';

export const LAB_CATALOGUE = LABS;
