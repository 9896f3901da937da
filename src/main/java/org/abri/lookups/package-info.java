/** Editable, translated lists of values (protection concerns, displacement status…). */
package org.abri.lookups;
