package org.abri.services;

/**
 * One step of a referral pathway, in order: the sector to refer to, how soon (hours, or null
 * for no set limit) and a note for the caseworker (e.g. "only with the survivor's agreement").
 */
public record PathwayStep(int position, String sector, Integer withinHours, String note) {
}
