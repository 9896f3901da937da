/**
 * Configurable forms: form definitions (sections, fields of every type, rules, conditions)
 * shipped as versioned files and contextualised by administrators without code; the
 * validation of what a user submits against the definition it was filled with; and the
 * records that keep each saved form with its version, so old records stay readable.
 */
package org.abri.forms;
