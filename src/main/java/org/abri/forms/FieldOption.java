package org.abri.forms;

/** One choice of a select or tick-box list defined in the form itself (not in a lookup list). */
public record FieldOption(String code, Text label) {
}
