import { inputError } from '../model/inputError';
import { requireString, requireWholeNumber, truncate } from './scalars';

export type MappingLocation = 'auto' | 'transformation' | 'profileMapping';

export interface MappingInput {
	mappingId: string;
	mappingVersion: number;
	location: MappingLocation;
}

const LOCATIONS: MappingLocation[] = ['auto', 'transformation', 'profileMapping'];

/** The mapping set a dataflow should point at, as the three parameters give it. */
export function parseMappingInput(id: unknown, version: unknown, location: unknown): MappingInput {
	const mappingId = requireString(id, 'mappingId', 'Mapping ID');
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(mappingId)) {
		inputError(
			'mappingId',
			`Mapping ID "${truncate(mappingId)}" may hold only letters, digits, "-" and "_" (up to 64)`,
		);
	}
	const mappingVersion = requireWholeNumber(version, 'mappingVersion', 'Mapping version', {
		min: 0,
		digits: true,
	});
	if (!LOCATIONS.includes(location as MappingLocation)) {
		inputError('mappingLocation', `Mapping location must be one of ${LOCATIONS.join(', ')}`);
	}
	return { mappingId, mappingVersion, location: location as MappingLocation };
}
