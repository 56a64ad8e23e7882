/**
 * Update Export Location and Update Credentials in real n8n 2.x: one workflow run headless against
 * the emulator. The S3 dataflow's files move (a 412 from another writer on the way, re-planned);
 * the SFTP account switches from a password to an SSH key given by an expression; a dry run and a
 * refused location change nothing. Checked: the exact requests in the emulator's log, the outputs,
 * and the emulator's state.
 */
import {
	ACCOUNT_IDS,
	CONNECTION_SPECS,
	DESTINATION_FLOW_SPECS,
	DISABLED_FLOW_ID,
	PROFILE_MAPPING_FLOW_ID,
} from '../emulator';
import { chainOf, manualTriggerNode, nodeItems } from '../local-n8n';
import { describeWithRuntime } from './runtimeSuite';
import { byId, nodesOf, useEmulatorRun } from './oneRun';

const FS = '/data/foundation/flowservice';
const SFTP = ACCOUNT_IDS.prod.partnerSftp;
/** Built by the expression from two halves, as a secrets lookup would give it. */
const SSH_KEY = Buffer.from('-----BEGIN OPENSSH PRIVATE KEY-----e2e').toString('base64');

type Json = Record<string, any>;

const node = nodesOf({});

const location = (flowId: string, exportSettings: Json, options: Json = {}) => ({
	operation: 'updateExportLocation',
	flowId: byId(flowId),
	exportSettings,
	options: { retryInitialDelay: 1, ...options },
});

const workflow = {
	id: 'e2eDestinationEdits',
	name: 'Destination edits (e2e)',
	active: false,
	nodes: [
		manualTriggerNode('t'),
		node(
			'p',
			'Preview move',
			200,
			location(PROFILE_MAPPING_FLOW_ID, { bucketName: 'acme-preview' }, { dryRun: true }),
		),
		node(
			'm',
			'Move files',
			400,
			location(PROFILE_MAPPING_FLOW_ID, { folderPath: 'exports/e2e', fileType: 'JSON' }),
		),
		node('r', 'Refused move', 600, location(DISABLED_FLOW_ID, { bucketName: 'acme' }), {
			onError: 'continueRegularOutput',
		}),
		node('c', 'Switch to SSH key', 800, {
			resource: 'destinationAccount',
			operation: 'updateCredentials',
			accountId: byId(SFTP),
			authParams: {
				sshKey: `={{ ${JSON.stringify([SSH_KEY.slice(0, 8), SSH_KEY.slice(8)])}.join('') }}`,
			},
		}),
	],
	connections: chainOf('Start', 'Preview move', 'Move files', 'Refused move', 'Switch to SSH key'),
	settings: { executionOrder: 'v1' },
};

describeWithRuntime(
	'v2',
	(n8n) => `Update Export Location and Update Credentials in n8n ${n8n} (v2)`,
	() => {
		let target: { id: string; etag: string; params: Json };
		let sftpEtag: string;

		const ctx = useEmulatorRun((emulator) => {
			const flow = emulator.getFlow(PROFILE_MAPPING_FLOW_ID) as Json;
			target = emulator.getConnection(flow.targetConnectionIds[0])!.connection as never;
			sftpEtag = (emulator.getConnection(SFTP)!.connection as Json).etag;
			// Another writer changes the target connection just before the node's first PATCH.
			emulator.injectFault({
				type: 'concurrentWrite',
				method: 'PATCH',
				path: `${FS}/targetConnections/*`,
			});
			return workflow;
		});

		it('sends exactly these requests, in order', () => {
			const seen = ctx.emulator
				.requests()
				.map((r) => `${r.method} ${r.path.split('?')[0].replace(FS, '')} ${r.status}`);
			const disabled = ctx.emulator.getFlow(DISABLED_FLOW_ID) as Json;
			const disabledTarget = disabled.targetConnectionIds[0];
			const disabledSpec = disabled.flowSpec.id as string;
			expect(seen).toEqual([
				`GET /flows/${PROFILE_MAPPING_FLOW_ID} 200`,
				`GET /flowSpecs/${DESTINATION_FLOW_SPECS.amazonS3.audience} 200`,
				`GET /targetConnections/${target.id} 200`,
				`GET /connectionSpecs/${CONNECTION_SPECS.amazonS3} 200`,
				`GET /flows/${PROFILE_MAPPING_FLOW_ID} 200`,
				`GET /flowSpecs/${DESTINATION_FLOW_SPECS.amazonS3.audience} 200`,
				`GET /targetConnections/${target.id} 200`,
				`GET /connectionSpecs/${CONNECTION_SPECS.amazonS3} 200`,
				`PATCH /targetConnections/${target.id} 412`,
				`GET /targetConnections/${target.id} 200`,
				`PATCH /targetConnections/${target.id} 200`,
				`GET /flows/${DISABLED_FLOW_ID} 200`,
				`GET /flowSpecs/${disabledSpec} 200`,
				`GET /targetConnections/${disabledTarget} 200`,
				`GET /connectionSpecs/${CONNECTION_SPECS.sftp} 200`,
				`GET /connections/${SFTP} 200`,
				`GET /connectionSpecs/${CONNECTION_SPECS.sftp} 200`,
				`PATCH /connections/${SFTP} 200`,
			]);
			const patches = ctx.emulator.requests().filter((r) => r.method === 'PATCH');
			expect(patches[0].headers['if-match']).toBe(target.etag);
			expect(patches[1].body).toEqual([
				{ op: 'replace', path: '/params/path', value: 'exports/e2e' },
				{ op: 'replace', path: '/params/fileType', value: 'JSON' },
			]);
			expect(patches[2].headers['if-match']).toBe(sftpEtag);
		});

		it('the dry run shows the plan; the move changes only the given settings, after one conflict', () => {
			const [preview] = nodeItems(ctx.run, 'Preview move') as Json[];
			expect(preview).toMatchObject({
				changed: false,
				dryRun: true,
				operations: [{ op: 'replace', path: '/params/bucketName', value: 'acme-preview' }],
			});
			const [moved] = nodeItems(ctx.run, 'Move files') as Json[];
			expect(moved).toMatchObject({
				changed: true,
				conflictRetries: 1,
				exportLocation: {
					was: { folderPath: target.params.path, fileType: 'CSV' },
					is: { folderPath: 'exports/e2e', fileType: 'JSON' },
				},
			});
			const stored = ctx.emulator.getConnection(target.id)!.connection as Json;
			expect(stored.params).toEqual({ ...target.params, path: 'exports/e2e', fileType: 'JSON' });
			expect(stored.params.bucketName).toBe(target.params.bucketName);
		});

		it('a setting the destination lacks fails its item naming the field; nothing is written', () => {
			const [refused] = nodeItems(ctx.run, 'Refused move') as Json[];
			expect(refused.error).toMatch(/^Export Settings: SFTP has no export setting "bucketName"/);
		});

		it('the SFTP account signs in with the SSH key now, keeping its server and user; the key is not in the output', () => {
			const [switched] = nodeItems(ctx.run, 'Switch to SSH key') as Json[];
			expect(switched).toMatchObject({
				changed: true,
				authType: 'SFTP with SSH Key',
				previousAuthType: 'SFTP with Password',
				updated: ['sshKey'],
				kept: ['domain', 'port', 'username'],
			});
			expect(JSON.stringify(ctx.run)).not.toContain(SSH_KEY);
			const auth = (ctx.emulator.getConnection(SFTP)!.connection as Json).auth;
			expect(auth).toEqual({
				specName: 'SFTP with SSH Key',
				params: {
					sshKey: 'X'.repeat(SSH_KEY.length),
					domain: 'sftp.partner.example.com',
					port: 22,
					username: 'aep-export',
				},
			});
		});
	},
);
