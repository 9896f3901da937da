package org.abri.identity;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On the very first start, creates the system administrator. The password comes from
 * ABRI_ADMIN_PASSWORD or is generated and printed once: it is never stored in clear.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class FirstStartAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstStartAdministrator.class);
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final UserAccounts accounts;
    private final org.abri.platform.FirstStartData firstStart;
    private final String username;
    private final String password;

    FirstStartAdministrator(UserAccounts accounts, org.abri.platform.FirstStartData firstStart, @Value("${abri.admin.username:admin}") String username,
            @Value("${abri.admin.password:}") String password) {
        this.accounts = accounts;
        this.firstStart = firstStart;
        this.username = username;
        this.password = password;
    }

    @Override
    @org.springframework.transaction.annotation.Transactional
    public void run(ApplicationArguments args) {
        firstStart.takeTurn();
        if (accounts.anyWithRole(Role.SYSTEM_ADMIN)) {
            return;
        }
        boolean generated = password == null || password.isBlank();
        String chosen = generated ? generate() : password;
        UserAccounts.checkPassword(chosen);
        accounts.createUnchecked(new UserAccounts.AccountChange(null, username, "System administrator", null, "fr",
                EnumSet.of(Role.SYSTEM_ADMIN), Set.of()), chosen, false);
        if (generated) {
            log.warn("""

                    ==============================================================
                     First start: system administrator created.
                       username: {}
                       password: {}
                     This password is shown only once. Change it after signing in.
                    ==============================================================""", username, chosen);
        } else {
            log.info("First start: system administrator '{}' created with the password of ABRI_ADMIN_PASSWORD",
                    username);
        }
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return value.toString();
    }
}
