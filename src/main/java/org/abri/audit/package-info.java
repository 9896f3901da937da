/** The append-only audit trail of every access to case data, and its viewer for administrators. */
package org.abri.audit;
