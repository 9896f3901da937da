package org.abri.demo;

import java.time.LocalDate;
import java.time.ZoneOffset;

import org.abri.cases.CaseRegistry;
import org.abri.identity.Agencies;
import org.abri.identity.UserAccounts;
import org.abri.locations.Locations;
import org.abri.services.ServiceMapSeeding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * With {@code abri.demo=true}, loads the demo deployment at start-up, once: on later starts
 * it finds it and does nothing. It refuses, and the application stops, when the database
 * holds real data — any agency, user, location or case not flagged demo, except the system
 * administrator of the first start. Runs after {@code FirstStartAdministrator} and after the
 * shipped forms are loaded (order 50: the demo referrals file a consent and assent form), in one
 * transaction: either everything is loaded or nothing is.
 */
@Component
@ConditionalOnProperty(name = "abri.demo", havingValue = "true")
@Order(100)
class DemoDeployment implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDeployment.class);
    /** Serialises two instances starting in demo mode on one database: the second finds the data loaded. */
    private static final long LOCK = 0x4162726944656d6fL;

    private final DemoLoader loader;
    private final Agencies agencies;
    private final UserAccounts accounts;
    private final Locations locations;
    private final CaseRegistry cases;
    private final ServiceMapSeeding serviceMap;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    DemoDeployment(DemoLoader loader, Agencies agencies, UserAccounts accounts, Locations locations,
            CaseRegistry cases, ServiceMapSeeding serviceMap, JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.serviceMap = serviceMap;
        this.loader = loader;
        this.agencies = agencies;
        this.accounts = accounts;
        this.locations = locations;
        this.cases = cases;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void run(ApplicationArguments args) {
        long started = System.nanoTime();
        DemoLoader.Summary loaded = transaction.execute(status -> {
            jdbc.sql("select true from pg_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single();
            if (agencies.countByDemoFlag(true) > 0) {
                return null;
            }
            refuseOnRealData();
            return loader.load(LocalDate.now(ZoneOffset.ofHours(1)));
        });
        if (loaded == null) {
            log.info("Demo mode: the demo deployment is already loaded; nothing to do. Demo users: docs/demo.md");
            return;
        }
        log.info("Demo mode: demo deployment loaded in {} ms: {} agencies, {} users, {} locations, {} children, "
                + "{} services of {} providers ({} off Abri), {} referrals, {} quality self-assessments, all fictional. "
                + "Demo users and their password: docs/demo.md", (System.nanoTime() - started) / 1_000_000,
                loaded.agencies(), loaded.users(), loaded.locations(), loaded.children(), loaded.services(),
                loaded.providers(), loaded.offAbriProviders(), loaded.referrals(), loaded.qualityAssessments());
    }

    private void refuseOnRealData() {
        long realAgencies = agencies.countByDemoFlag(false);
        long realUsers = accounts.countNotDemoBesidesFirstAdministrator();
        long realLocations = locations.countByDemoFlag(false);
        long realCases = cases.countByDemoFlag(false);
        // Before the demo is loaded, any provider of the service map is real: an administrator may have
        // started a map (off-Abri organisations need no agency, user or place). No demo column needed.
        long realProviders = serviceMap.countProviders();
        if (realAgencies + realUsers + realLocations + realCases + realProviders > 0) {
            // Spring Boot logs it as "APPLICATION FAILED TO START" with the action (DemoRefusedFailureAnalyzer).
            throw new DemoRefusedException(realAgencies, realUsers, realLocations, realCases, realProviders);
        }
    }
}
