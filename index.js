'use strict';

// Programmatic entry: n8n itself loads the classes through the "n8n" field of package.json.
const {
	FlowServiceDestination,
} = require('./dist/nodes/FlowServiceDestination/FlowServiceDestination.node');
const {
	FlowServiceDestinationTrigger,
} = require('./dist/nodes/FlowServiceDestination/FlowServiceDestinationTrigger.node');
const {
	AdobeExperiencePlatformApi,
} = require('./dist/credentials/AdobeExperiencePlatformApi.credentials');

module.exports = {
	FlowServiceDestination,
	FlowServiceDestinationTrigger,
	AdobeExperiencePlatformApi,
};
