/**
 * Interagency referrals: a caseworker refers a child to a service of the map, sharing only the
 * parts of the case they tick, on the basis of the consent to share or of a recorded
 * best-interest reason; the receiving agency's focal point answers, a caseworker of theirs
 * provides the service and closes the referral with feedback. The receiving side reads the
 * shared part, and nothing else, while the referral is open; every read is audited and shown
 * to the referring side.
 */
package org.abri.referrals;
