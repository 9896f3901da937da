/**
 * The deployment's standard operating procedures as settings: how long each step of the
 * case management process may take for each risk level, how often follow-ups and reviews
 * are due, and the caseload standards. Edited by the system administrator; read by the
 * case workflow to compute deadlines.
 */
package org.abri.sop;
