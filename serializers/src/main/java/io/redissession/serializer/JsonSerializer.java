package io.redissession.serializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Collection;
import java.util.Objects;

/**
 * JSON through Jackson, readable with {@code redis-cli}: each value is stored as
 * <code>{"@class":"com.shop.Cart","value":{...}}</code>. Only classes of a {@link TypeAllowList} are ever
 * instantiated, both for the top-level value and for any polymorphic property ({@code @JsonTypeInfo}) inside it;
 * Jackson's default typing of arbitrary classes is never enabled, so stored JSON cannot name a gadget class.
 * Values of types outside the list are refused when written, so nothing unreadable is stored.
 */
public final class JsonSerializer implements AttributeSerializer {

    static final String CLASS_FIELD = "@class";
    static final String VALUE_FIELD = "value";

    private final TypeAllowList allowList;
    private final ObjectMapper mapper;

    /**
     * @param allowedTypes class names or {@code package.*} patterns, added to {@link TypeAllowList#BUILT_IN};
     *        not {@code null}
     */
    public JsonSerializer(Collection<String> allowedTypes) {
        this.allowList = new TypeAllowList(Objects.requireNonNull(allowedTypes, "allowedTypes"));
        PolymorphicTypeValidator validator = BasicPolymorphicTypeValidator.builder()
                .allowIfSubType(new BasicPolymorphicTypeValidator.TypeMatcher() {
                    @Override
                    public boolean match(MapperConfig<?> config, Class<?> type) {
                        return allowList.allows(type.getName());
                    }
                })
                .build();
        this.mapper = JsonMapper.builder()
                .polymorphicTypeValidator(validator)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    @Override
    public void checkType(Object value) {
        String className = value.getClass().getName();
        if (!allowList.allows(className)) {
            throw new SerializationException("type is not in the JSON allow-list (setting jsonAllowedTypes)",
                    className, null);
        }
    }

    @Override
    public byte[] serialize(Object value) {
        checkType(value);
        String className = value.getClass().getName();
        try {
            ObjectNode envelope = mapper.createObjectNode();
            envelope.put(CLASS_FIELD, className);
            envelope.set(VALUE_FIELD, mapper.valueToTree(value));
            return mapper.writeValueAsBytes(envelope);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw new SerializationException("JSON serialization failed: " + e.getClass().getSimpleName(),
                    className, e);
        }
    }

    @Override
    public Object deserialize(byte[] data, ClassLoader classLoader) {
        JsonNode envelope;
        try {
            envelope = mapper.readTree(data);
        } catch (IOException e) {
            throw new SerializationException("corrupt JSON", null, e);
        }
        JsonNode type = envelope == null ? null : envelope.get(CLASS_FIELD);
        if (type == null || !type.isTextual() || !envelope.has(VALUE_FIELD)) {
            throw new SerializationException("JSON value lacks the \"" + CLASS_FIELD + "\" and \"" + VALUE_FIELD
                    + "\" fields", null, null);
        }
        String className = type.asText();
        if (!allowList.allows(className)) {
            throw new SerializationException("type is not in the JSON allow-list (setting jsonAllowedTypes)",
                    className, null);
        }
        Class<?> cls;
        try {
            cls = Class.forName(className, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new SerializationException("class not found", className, e);
        }
        try {
            Object value = mapper.treeToValue(envelope.get(VALUE_FIELD), cls);
            if (value == null) {
                throw new SerializationException("JSON value is null", className, null);
            }
            return value;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new SerializationException("JSON does not match the class (" + e.getClass().getSimpleName() + ")",
                    className, e);
        }
    }
}
