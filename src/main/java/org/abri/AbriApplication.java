package org.abri;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Abri: interagency child protection case management. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AbriApplication {

    public static void main(String[] args) {
        SpringApplication.run(AbriApplication.class, args);
    }
}
