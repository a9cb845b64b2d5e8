// Event types, entity types and affiliations, read from the extraction schema the API
// serves (GET v1/schemas/extraction), so the forms follow the ontology. Fallback below.
import { api } from "./api.js";

const FALLBACK = {
  eventTypes: ["OUTAGE", "RESTORATION", "BROADCAST", "PROTEST", "MOBILIZATION", "ARREST",
    "RELEASE", "LEGAL_ACTION", "ELECTION", "VIOLENCE", "COUP", "POLICY"],
  entityTypes: ["PERSON", "GOVERNMENT", "ORGANIZATION", "PLATFORM", "CITY", "COUNTRY",
    "LOCATION", "GROUP"],
  affiliations: ["opposition", "government", "civil_society", "industry"],
};

let cached;

export function vocab() {
  cached ??= api("v1/schemas/extraction").then(({ data }) => {
    const props = data.properties;
    const entity = props.entities.items.properties;
    return {
      eventTypes: props.events.items.properties.type.enum || FALLBACK.eventTypes,
      entityTypes: entity.type.enum || FALLBACK.entityTypes,
      affiliations: entity.attributes.properties.affiliation.items.enum
        || FALLBACK.affiliations,
    };
  }).catch(() => FALLBACK);
  return cached;
}
