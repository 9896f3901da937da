package org.abri.forms;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.abri.lookups.LookupList;
import org.abri.lookups.LookupValue;
import org.abri.lookups.Lookups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the standard interagency forms shipped in {@code src/main/resources/forms} on start:
 * a form the deployment does not have yet becomes its version 1, with the lists it needs.
 * Forms the deployment already has are left alone: they may have been contextualised.
 */
@Component
@Order(50)
class ShippedForms implements ApplicationRunner {

    static final String LOCATION = "classpath:forms/";
    private static final Logger log = LoggerFactory.getLogger(ShippedForms.class);

    private final FormCatalogue catalogue;
    private final Lookups lookups;
    private final JsonMapper json;
    private final org.abri.platform.FirstStartData firstStart;

    ShippedForms(FormCatalogue catalogue, Lookups lookups, FormJson json, org.abri.platform.FirstStartData firstStart) {
        this.firstStart = firstStart;
        this.catalogue = catalogue;
        this.lookups = lookups;
        this.json = json.mapper;
    }

    /** The lists shipped forms need, with their values. */
    record ShippedList(String name, Text label, List<ShippedValue> values) {
    }

    record ShippedValue(String code, Text label) {
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) throws IOException {
        firstStart.takeTurn();
        int lists = 0;
        for (ShippedList list : lists()) {
            if (!lookups.listExists(list.name())) {
                lookups.saveList(new LookupList(list.name(), list.label().fr(), list.label().en(), list.label().ar(),
                        100 + lists * 10));
                int order = 0;
                for (ShippedValue value : list.values()) {
                    order += 10;
                    lookups.saveValue(new LookupValue(list.name(), value.code(), value.label().fr(), value.label().en(),
                            value.label().ar(), order, true));
                }
                lists++;
            }
        }
        int forms = 0;
        for (FormDefinition form : forms()) {
            if (catalogue.current(form.id()).isEmpty()) {
                catalogue.store(form, null, "shipped", null);
                forms++;
            }
        }
        if (forms > 0 || lists > 0) {
            log.info("Standard forms loaded: {} forms and {} lists added to this deployment", forms, lists);
        }
    }

    /** Every shipped form, in file-name order (the files are numbered in the order of the process). */
    List<FormDefinition> forms() throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources(LOCATION + "*.json");
        return Arrays.stream(files).filter(file -> !"lists.json".equals(file.getFilename()))
                .sorted(Comparator.comparing(Resource::getFilename))
                .map(this::read).toList();
    }

    List<ShippedList> lists() throws IOException {
        Resource file = new PathMatchingResourcePatternResolver().getResource(LOCATION + "lists.json");
        if (!file.exists()) {
            return List.of();
        }
        try (InputStream in = file.getInputStream()) {
            return Arrays.asList(json.readValue(in, ShippedList[].class));
        }
    }

    private FormDefinition read(Resource file) {
        try (InputStream in = file.getInputStream()) {
            return json.readValue(in, FormDefinition.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The shipped form file " + file.getFilename() + " cannot be read: "
                    + e.getMessage(), e);
        }
    }
}
