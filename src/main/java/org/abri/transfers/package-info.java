/**
 * Transfers of a case to another agency: a request made with the child's/family's consent to
 * share information (or a best-interest reason, audited, the supervisors told), seen by the
 * receiving agency's focal points, managers and supervisors with only what they need to decide;
 * accepted (the cases module moves the ownership, with the whole history), declined or
 * withdrawn. After acceptance the sending agency still reads what it had recorded, for the
 * SOP's {@code transfer_sender_read_days}. Other modules use {@link org.abri.transfers.Transfers}.
 */
package org.abri.transfers;
