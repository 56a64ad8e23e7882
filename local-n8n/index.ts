export * from './runtimes';
export * from './userFolder';
export * from './cli';
export * from './server';
export { freePorts } from './ports';
export {
	killGroup,
	groupAlive,
	stopGroup,
	liveGroupIds,
	stopAllGroups,
	processesOf,
	sleep,
} from './processes';
export * from './results';
export * from './communityPackage';
export * from './rest';
export * from './workflows';
export * from './devFolder';
export * from './queue';
export * from './listener';
export * from './manualRun';
