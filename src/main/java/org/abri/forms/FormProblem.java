package org.abri.forms;

/**
 * Something wrong in a form definition or a configuration bundle: where ({@code path}, e.g.
 * {@code registration/identity/given_names}), what (a message key under {@code forms.problem.})
 * and the values the message names.
 */
public record FormProblem(String path, String code, Object... arguments) {
}
