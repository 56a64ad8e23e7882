export * from './runtimes';
export * from './userFolder';
export * from './cli';
export * from './server';
export { freePorts } from './ports';
export { killGroup, groupAlive, stopGroup } from './processes';
export * from './results';
export * from './communityPackage';
