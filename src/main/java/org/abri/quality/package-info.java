/**
 * Quality: the sector's improvement grid for child protection case management (8 domains, 2 in
 * parts a-f and 5 in parts a-d; in each, checklist items for the levels improvement needed,
 * minimum threshold and good practice), shipped as a versioned file, loaded at first start and
 * worded per deployment; and the level a domain reaches from the items it meets.
 */
package org.abri.quality;
