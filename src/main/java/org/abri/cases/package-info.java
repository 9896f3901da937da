/**
 * Children's cases: registration with the core identity fields and consents, need-to-know
 * reading, fuzzy name search, and edits guarded by optimistic locking. Every access is audited.
 */
package org.abri.cases;
