/**
 * Export Ending Soon: a dataset export, or an audience of a dataflow, whose schedule ends within
 * the chosen number of days. Reported once per dataflow (and audience) and end; an end moved to
 * another date is a new end. Pure: the caller passes "now" (the n8n host's clock).
 */
import {
	DAY_MS,
	HOUR_MS,
	type ExportKind,
	type ScheduledExport,
	type ScheduledFlow,
} from './schedules';

/** What was reported, and when the trigger last looked (saved at most hourly when nothing fires). */
export interface EndingMemory {
	/** Epoch ms: every end at or before it was past when the trigger looked. */
	checkedAt: number;
	/** `<dataflow ID>` or `<dataflow ID>/<audience ID>` → the end reported (epoch ms), while still ahead. */
	notified: Record<string, number>;
}

export interface EndingEvent {
	event: 'exportEndingSoon';
	flowId: string;
	flowName: string | null;
	kind: ExportKind;
	audienceId?: string;
	audienceName?: string | null;
	/** ISO 8601: the first moment no longer exported. */
	end: string;
	/** Whole days from now to the end, rounded down; negative once it has passed. */
	daysLeft: number;
	/** The end passed before it could be reported (n8n was stopped, or the end was moved closer). */
	ended: boolean;
	detectedAt: string;
}

interface Ending {
	key: string;
	flow: ScheduledFlow;
	item: ScheduledExport;
	end: number;
}

/** Every end the dataflows' schedules name. */
function endings(flows: ScheduledFlow[]): Ending[] {
	const found: Ending[] = [];
	for (const flow of flows) {
		for (const item of flow.exports) {
			if (item.end === undefined) continue;
			const key = item.audienceId === undefined ? flow.id : `${flow.id}/${item.audienceId}`;
			found.push({ key, flow, item, end: item.end });
		}
	}
	return found;
}

/** A disabled dataflow exports nothing, so nothing of it ends; it is reported once enabled again. */
const isEnabled = (ending: Ending) => ending.flow.state === 'enabled';

/**
 * One poll. An end of an enabled dataflow is reported when it is within `withinMs` of now and was
 * not reported yet: still ahead, or passed since the trigger last looked (then `ended`). An end
 * already past when the trigger last looked (or at its first look) is history and never reported.
 * Memory keeps only ends reported and still ahead, of dataflows and audiences that still carry
 * them: its size is bounded by what ends within the window.
 */
export function detectEndings(
	previous: EndingMemory | undefined,
	flows: ScheduledFlow[],
	withinMs: number,
	now: number,
	detectedAt: string,
): { events: EndingEvent[]; memory: EndingMemory } {
	const lastLook = previous?.checkedAt ?? now;
	const events: EndingEvent[] = [];
	const notified: Record<string, number> = {};
	let changed = previous === undefined;
	for (const ending of endings(flows)) {
		const { key, end } = ending;
		if (previous?.notified[key] === end) {
			notified[key] = end;
			continue;
		}
		if (!isEnabled(ending) || end <= lastLook || end - now > withinMs) continue;
		events.push(endingEvent(ending, now, detectedAt));
		notified[key] = end;
		changed = true;
	}
	if (Object.keys(previous?.notified ?? {}).some((key) => !(key in notified))) changed = true;
	// A quiet poll saves nothing; the look is moved on when something is saved anyway, or hourly.
	const checkedAt = changed || now - lastLook >= HOUR_MS ? now : lastLook;
	for (const [key, end] of Object.entries(notified)) if (end <= checkedAt) delete notified[key];
	events.sort(
		(a, b) =>
			Date.parse(a.end) - Date.parse(b.end) ||
			a.flowId.localeCompare(b.flowId) ||
			(a.audienceId ?? '').localeCompare(b.audienceId ?? ''),
	);
	return { events, memory: { checkedAt, notified } };
}

/**
 * Fetch Test Event: the nearest end still ahead of the enabled dataflows (whatever the window), or
 * else the latest one passed.
 */
export function sampleEnding(
	flows: ScheduledFlow[],
	now: number,
	detectedAt: string,
): EndingEvent | undefined {
	const all = endings(flows).filter(isEnabled);
	const ahead = all.filter((ending) => ending.end > now).sort((a, b) => a.end - b.end);
	const passed = all.filter((ending) => ending.end <= now).sort((a, b) => b.end - a.end);
	const chosen = ahead[0] ?? passed[0];
	return chosen ? endingEvent(chosen, now, detectedAt) : undefined;
}

function endingEvent({ flow, item, end }: Ending, now: number, detectedAt: string): EndingEvent {
	return {
		event: 'exportEndingSoon',
		flowId: flow.id,
		flowName: flow.name,
		kind: item.kind,
		...(item.audienceId === undefined
			? {}
			: { audienceId: item.audienceId, audienceName: item.audienceName ?? null }),
		end: new Date(end).toISOString(),
		daysLeft: Math.floor((end - now) / DAY_MS),
		ended: end <= now,
		detectedAt,
	};
}

export function readEndingMemory(raw: unknown): EndingMemory | undefined {
	if (typeof raw !== 'object' || raw === null) return undefined;
	const { checkedAt, notified } = raw as Record<string, unknown>;
	if (!isFiniteNumber(checkedAt) || typeof notified !== 'object' || notified === null)
		return undefined;
	if (Array.isArray(notified) || !Object.values(notified).every(isFiniteNumber)) return undefined;
	return { checkedAt, notified: { ...(notified as Record<string, number>) } };
}

function isFiniteNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}
