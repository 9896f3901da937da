package org.abri.cases;

import java.util.List;

import org.abri.identity.CurrentUser;

/**
 * Tasks that another module keeps about cases (a family to tell of a referral made without
 * consent, a question from a receiving agency…), merged into the task lists. A source is a bean.
 */
public interface CaseTaskSource {

    /**
     * This user's tasks from the source. {@code casesInScope} is a subquery selecting the ids of
     * the cases the user may change, bound to {@code params} in order: restrict to it
     * ({@code … where case_id in (casesInScope)}).
     */
    List<CaseTasks.Task> tasksOf(CurrentUser user, String casesInScope, List<Object> params);
}
