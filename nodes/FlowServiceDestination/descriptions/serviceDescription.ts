/**
 * The action node's description, which the trigger shares. n8n's node creator lists an action node
 * and the trigger of the same name plus "Trigger" as one entry, with the trigger's description
 * (generateMergedNodesAndActions, n8n 2.41.1 and 1.123.81), in its lists and search results, for a
 * first step and a next step alike. With one text, the action node reads as itself there.
 */
export const SERVICE_DESCRIPTION =
	'Create and manage Adobe Experience Platform destination dataflows (audiences, profile attributes, mappings, schedules) and their destination accounts';
