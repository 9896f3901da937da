/**
 * Supervision and coaching: records about a staff member or a team (individual sessions, team
 * meetings, case discussions, observations, case file checklists, competency assessments), each
 * a form of the forms engine; the action points they agree; the rhythm of supervision; the
 * supervisor's view of the team. A record about a person is seen by that person, their
 * supervisor and their agency's manager only, and every access is audited.
 */
package org.abri.supervision;
