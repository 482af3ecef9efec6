export { FAULT_NAMES, FAULTS, type FaultDefinition, type FaultName, findFault, parseParams } from './catalogue';
export { FaultStore, FAULTS_MIGRATIONS, type FaultState, type LabRecord, type LabState, prepareFaultTables } from './store';
export { FAULTS_CHANNEL, type FaultListener, FaultWatcher } from './watcher';
export { type LabDefinition, LABS } from './labs';
