/**
 * In-process n8n test harness: real workflows through n8n-core's engine, HTTP left to nock
 * (or a local server).
 *
 *   const result = await runWorkflow({
 *     nodeTypes: { 'n8n-nodes-adobe-flow-service.flowServiceDestination': FlowServiceDestination },
 *     credentialTypes: [new AdobeExperiencePlatformApi()],
 *     credentials: { adobeExperiencePlatformApi: { id: '1', name: 'Adobe', data: { ... } } },
 *     workflow,                                  // { nodes, connections } or a parsed n8n export
 *     triggerItems: [{ json: { flowId: 'f1' } }], // what the Manual Trigger emits; default [{ json: {} }]
 *   });
 *   result.status              // 'success' | 'error'
 *   result.error               // the failing node's error, as n8n-core stores it: a plain copy
 *                              // ({ ...error, message, stack }), so match name, message, description,
 *                              // httpCode, context.itemIndex rather than instanceof
 *   result.output('Node Name') // main output 0 of the node's last run; throws with the reason if none
 *   result.nodeError('Node Name'), result.runData, result.executedNodes
 *   result.credentialUpdates   // fields preAuthentication (or OAuth) wrote back to stored credentials
 *
 *   await runNodeMethod({ nodeTypes, credentialTypes, credentials, nodeType, kind: 'listSearch',
 *     method: 'searchFlows', filter: 'abc', parameters: { ... } })   // also 'loadOptions', 'resourceMapping'
 *   await runPoll({ nodeTypes, credentialTypes, credentials, nodeType, parameters, staticData })
 *     // a polling trigger's poll() in n8n-core's PollContext: { response, items, staticData, staticDataChanged };
 *     // pass result.staticData to the next call to continue (or to simulate a restart); mode: 'manual'
 *     // is "Fetch Test Event"
 *   await testCredentials({ credentialTypes, type: 'adobeExperiencePlatformApi', credential })
 *     // { status: 'OK' | 'Error', message }
 *
 * Workflows start from `n8n-nodes-base.manualTrigger` (a stand-in is registered). Nodes reference
 * credentials as in n8n (`node.credentials[type] = { id, name }`); credentials are looked up by
 * type and live only in memory. Every call gets fresh registries and a fresh credential store.
 * Expressions use n8n-workflow's default `legacy` engine, which needs no isolated-vm build.
 */
export { runWorkflow } from './runWorkflow';
export { runNodeMethod } from './methods';
export { activatePoll, runPoll } from './poll';
export type { RunPollOptions, RunPollResult } from './poll';
export type { NodeMethodCall, NodeMethodKind, NodeMethodOptions } from './methods';
export { testCredentials } from './credentialTest';
export type { TestCredentialsOptions } from './credentialTest';
export { MANUAL_TRIGGER_TYPE } from './triggerNode';
export type {
	CredentialsInput,
	CredentialTypeInput,
	CredentialUpdate,
	NodeTypeInput,
	NodeTypesInput,
	RunWorkflowOptions,
	RunWorkflowResult,
	StoredCredential,
	WorkflowInput,
} from './types';
