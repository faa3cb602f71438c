/**
 * What an incident id says (`<service>-<12 hex>-<generation>`, see
 * docs/incidents.md): the page an alert link opens learns the service from
 * the id alone, so it can ask for the incident at once.
 */
const ID = /^([A-Za-z0-9_-]{1,64})-([0-9a-f]{12})-([1-9][0-9]{0,8})$/

/** The service of an incident id, or undefined when it is not one. */
export function serviceOfIncident(id: string): string | undefined {
  return ID.exec(id)?.[1]
}
