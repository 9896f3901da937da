package org.abri.forms;

import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How form definitions are read and written: strict on unknown properties (a misspelt
 * "requried" in a definition file must fail, not be ignored), lenient on absent booleans.
 */
@Component
class FormJson {

    final JsonMapper mapper;

    FormJson(JsonMapper json) {
        this.mapper = json.rebuild()
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
