package org.abri.services;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.notifications.Notifications;
import org.abri.platform.ScheduledJobs;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reminds who keeps an entry of the map when it falls stale (not verified for six months) —
 * once per staleness: the service's focal point, else the service focal points of the provider's
 * agency, else the coordinators. Verifying the entry again starts over. Runs every six hours,
 * under the same switch as the overdue reminder ({@code abri.reminders.enabled}).
 */
@Component
class ServiceStaleReminder {

    static final String KIND = "service_stale";

    private final JdbcClient jdbc;
    private final ServiceMap map;
    private final Notifications notifications;
    private final ScheduledJobs jobs;
    private final boolean scheduled;

    ServiceStaleReminder(JdbcClient jdbc, ServiceMap map, Notifications notifications, ScheduledJobs jobs,
            @Value("${abri.reminders.enabled:true}") boolean scheduled) {
        this.jdbc = jdbc;
        this.map = map;
        this.notifications = notifications;
        this.jobs = jobs;
        this.scheduled = scheduled;
    }

    /** Every six hours on one of the servers. */
    @Scheduled(fixedDelayString = "PT6H", initialDelayString = "PT5M")
    void onSchedule() {
        if (scheduled) {
            jobs.run("service-stale-reminder", java.time.Duration.ofHours(6), this::remind);
        }
    }

    /** One round: notifies about each active entry that fell stale and was not reminded of yet. Returns how many. */
    @Transactional
    public int remind() {
        record Stale(UUID id, String name, LocalDate verified, UUID focalPoint, UUID agencyId) {
        }
        List<Stale> stale = jdbc.sql("""
                select s.id, s.name, s.last_verified_on, s.focal_point_id, p.agency_id
                from service s join service_provider p on p.id = s.provider_id
                where s.active and p.active and s.last_verified_on < ?
                  and s.stale_notified_for is distinct from s.last_verified_on""")
                .param(Date.valueOf(map.staleBefore()))
                .query((rs, row) -> new Stale(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getObject("last_verified_on", LocalDate.class), rs.getObject("focal_point_id", UUID.class),
                        rs.getObject("agency_id", UUID.class)))
                .list();
        for (Stale entry : stale) {
            // Claimed first: a second round running at the same time notifies nobody twice.
            int claimed = jdbc.sql("""
                    update service set stale_notified_for = last_verified_on
                    where id = ? and stale_notified_for is distinct from last_verified_on""").param(entry.id()).update();
            if (claimed == 0) {
                continue;
            }
            notifications.notifyAll(recipients(entry.focalPoint(), entry.agencyId()), KIND, null,
                    "/services/" + entry.id(), Map.of("by", shortened(entry.name())));
        }
        return stale.size();
    }

    private List<UUID> recipients(UUID focalPoint, UUID agencyId) {
        if (focalPoint != null && Boolean.TRUE.equals(jdbc.sql("select active from app_user where id = ?")
                .param(focalPoint).query(Boolean.class).optional().orElse(false))) {
            return List.of(focalPoint);
        }
        if (agencyId != null) {
            List<UUID> focalPoints = usersWithRole("SERVICE_FOCAL_POINT", agencyId);
            if (!focalPoints.isEmpty()) {
                return focalPoints;
            }
        }
        return usersWithRole("COORDINATOR", null);
    }

    private List<UUID> usersWithRole(String role, UUID agencyId) {
        return jdbc.sql("""
                select u.id from app_user u join user_role r on r.user_id = u.id
                where r.role = ? and u.active and (cast(? as uuid) is null or u.agency_id = ?) order by u.id""")
                .params(role, agencyId, agencyId).query(UUID.class).list();
    }

    /** A notification argument is short (the map's names are at most 200 characters anyway). */
    private static String shortened(String name) {
        return name.length() <= 200 ? name : name.substring(0, 199) + "…";
    }
}
