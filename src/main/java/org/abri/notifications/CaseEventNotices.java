package org.abri.notifications;

import java.util.LinkedHashMap;
import java.util.Map;

import org.abri.cases.CaseEvents;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns what happens to a case (an urgent action, a plan to approve, a decision, a
 * reassignment) into notices for the people concerned, in the same transaction: if the
 * step is refused, nobody is told of it.
 */
@Component
class CaseEventNotices {

    private final Notifications notifications;

    CaseEventNotices(Notifications notifications) {
        this.notifications = notifications;
    }

    @EventListener
    void on(CaseEvents.CaseEvent event) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("caseNumber", event.caseNumber());
        if (event.byName() != null) {
            arguments.put("by", event.byName());
        }
        if (event.step() != null) {
            arguments.put("step", event.step());
        }
        notifications.notifyAll(event.recipients(), event.kind(), event.caseId(), "/cases/" + event.caseId(), arguments);
    }
}
