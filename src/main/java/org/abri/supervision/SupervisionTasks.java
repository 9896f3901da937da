package org.abri.supervision;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.abri.cases.CaseTaskSource;
import org.abri.cases.CaseTasks;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.springframework.stereotype.Component;

/**
 * What supervision puts in the task lists, beside the cases: the owner's open action points
 * (kind {@code supervision_action}), and for a supervisor what their rhythm says is due within
 * a week or overdue for each person of their team and the team meeting (kind
 * {@code supervision_<form>}). A task without a case names what it is about in its
 * {@code caseworkerName}: the person, or the action point itself.
 */
@Component
class SupervisionTasks implements CaseTaskSource {

    static final int ACTION_LABEL_LENGTH = 80;

    private final ActionPoints actions;
    private final SupervisionRhythm rhythm;
    private final Clock clock;

    SupervisionTasks(ActionPoints actions, SupervisionRhythm rhythm, Clock clock) {
        this.actions = actions;
        this.rhythm = rhythm;
        this.clock = clock;
    }

    @Override
    public List<CaseTasks.Task> tasksOf(CurrentUser user, String casesInScope, List<Object> params) {
        List<CaseTasks.Task> tasks = new ArrayList<>();
        for (ActionPoints.ActionPoint point : actions.openOf(user.id())) {
            LocalDate due = point.dueOn() != null ? point.dueOn() : point.heldOn().plusDays(14);
            tasks.add(new CaseTasks.Task(null, null, label(point.action()), null, false, "supervision_action", endOf(due),
                    "/supervision/actions/" + point.id()));
        }
        if (user.has(Role.SUPERVISOR) && user.agencyId() != null) {
            List<SupervisionRhythm.Person> team = rhythm.teamOf(user.id());
            java.util.Map<java.util.UUID, String> names = new java.util.HashMap<>();
            team.forEach(person -> names.put(person.id(), person.name()));
            rhythm.personal(team).values().forEach(dues -> dues.stream().filter(SupervisionRhythm.Due::soon)
                    .forEach(due -> tasks.add(new CaseTasks.Task(null, null, names.get(due.personId()), null, false,
                            "supervision_" + due.formId(), endOf(due.dueOn()), "/supervision/people/" + due.personId()))));
            SupervisionRhythm.Due meeting = rhythm.teamMeetings(List.of(rhythm.person(user.id()))).get(user.id());
            if (!team.isEmpty() && meeting.soon()) {
                tasks.add(new CaseTasks.Task(null, null, null, null, false, "supervision_" + meeting.formId(),
                        endOf(meeting.dueOn()), "/supervision"));
            }
        }
        return tasks;
    }

    /** The end of the day a thing is due: it is overdue from the next morning. */
    private Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(clock.getZone()).toInstant().minusSeconds(60);
    }

    private static String label(String action) {
        return action.length() <= ACTION_LABEL_LENGTH ? action : action.substring(0, ACTION_LABEL_LENGTH - 1) + "…";
    }
}
