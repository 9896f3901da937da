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

    /** One field's problem: a message code from the bundles and its arguments. */
    public record FieldProblem(String field, String code, Object... arguments) {
    }
}
