package org.abri.web;

import org.abri.platform.TextInput;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * JSON strings (values, also inside lists and free maps, and map keys) lose their NUL characters
 * as they are read, as form parameters do in {@link BadInputFilter}: PostgreSQL refuses NUL in
 * text and jsonb. Spring Boot adds every JacksonModule bean to the application's JsonMapper.
 */
@Configuration(proxyBeanMethods = false)
class TextInputJson {

    @Bean
    JacksonModule nulFreeStrings() {
        SimpleModule module = new SimpleModule("abri-text-input");
        module.addDeserializer(String.class, new NulFreeStringDeserializer());
        module.addKeyDeserializer(String.class, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext context) {
                return TextInput.withoutNul(key);
            }
        });
        return module;
    }

    static final class NulFreeStringDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            return TextInput.withoutNul(super.deserialize(parser, context));
        }
    }
}
