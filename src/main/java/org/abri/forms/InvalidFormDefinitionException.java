package org.abri.forms;

import java.util.List;

import org.abri.platform.RuleViolationException;

/** A definition that cannot be used; the running configuration stays as it was. */
public class InvalidFormDefinitionException extends RuleViolationException {

    private final transient List<FormProblem> problems;

    public InvalidFormDefinitionException(List<FormProblem> problems) {
        super("form.definition_invalid", problems.size());
        this.problems = List.copyOf(problems);
    }

    public List<FormProblem> problems() {
        return problems;
    }
}
