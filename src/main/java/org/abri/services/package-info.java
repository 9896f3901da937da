/**
 * The service map: providers (agencies on Abri or organisations off it), their services by
 * sector, the places they serve, who is eligible, and when each entry was last verified.
 * Referrals choose their service here; the coordination group keeps it current.
 */
package org.abri.services;
