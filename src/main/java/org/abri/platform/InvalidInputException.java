package org.abri.platform;

import java.util.List;

/**
 * Input that fails validation, field by field. The web layer shows each problem next to
 * its field (keeping what was typed); the API returns them as JSON; both translate the codes.
 */
public class InvalidInputException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidInputException(List<FieldProblem> problems) {
        super("invalid input: " + problems.stream().map(FieldProblem::field).toList());
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** Each field's first problem, worded for the user, by field name (for a page to show beside each field). */
    public java.util.Map<String, String> describe(org.springframework.context.MessageSource messages,
            java.util.Locale locale) {
        java.util.Map<String, String> described = new java.util.LinkedHashMap<>();
        for (FieldProblem problem : problems) {
            described.putIfAbsent(problem.field(),
                    messages.getMessage(problem.code(), problem.arguments(), problem.code(), locale));
        }
        return described;
    }

    /** One field's problem: a message code from the bundles and its arguments. */
    public record FieldProblem(String field, String code, Object... arguments) {
    }
}
