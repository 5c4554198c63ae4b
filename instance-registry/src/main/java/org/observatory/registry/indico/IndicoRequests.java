package org.observatory.registry.indico;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.observatory.registry.instance.InstanceUrl;

/**
 * Reads the bodies that Indico's client sends, with Cephalopod's rules made strict: unknown keys, empty
 * strings, wrong types, an invalid e-mail or a non-http(s) URL are refused before anything is stored.
 */
public final class IndicoRequests {

    /** What POST /api/instance/ carries. */
    public record Registration(InstanceUrl url, String contact, String email, String organization) {
    }

    /** What PATCH /api/instance/{uuid} carries; an absent or null key is empty. */
    public record Patch(Optional<Boolean> enabled, Optional<InstanceUrl> url, Optional<String> contact,
            Optional<String> email, Optional<String> organization) {
    }

    static final List<String> TEXT_FIELDS = List.of("url", "contact", "email", "organization");
    private static final Set<String> PATCH_FIELDS = Set.of("enabled", "url", "contact", "email", "organization");
    private static final int MAX_TEXT = 512;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s\"<>(),;:\\\\]+@[^@\\s\"<>(),;:\\\\]+\\.[^@\\s\"<>(),;:\\\\.]+$");

    private final ObjectMapper mapper;
    private final int maxBodyBytes;

    public IndicoRequests(ObjectMapper mapper, int maxBodyBytes) {
        this.mapper = mapper;
        this.maxBodyBytes = maxBodyBytes;
    }

    public Registration registration(byte[] body) {
        JsonNode json = object(body);
        rejectUnknownKeys(json, Set.copyOf(TEXT_FIELDS));
        for (String field : TEXT_FIELDS) {
            if (!json.hasNonNull(field)) {
                throw IndicoApiException.missingValue(field);
            }
        }
        return new Registration(url(json.get("url")), text(json, "contact"), email(json.get("email")),
                text(json, "organization"));
    }

    public Patch patch(byte[] body) {
        JsonNode json = object(body);
        rejectUnknownKeys(json, PATCH_FIELDS);
        Optional<Boolean> enabled = Optional.empty();
        JsonNode flag = json.get("enabled");
        if (flag != null && !flag.isNull()) {
            if (!flag.isBoolean()) {
                throw IndicoApiException.invalidValue("enabled", "must be true or false");
            }
            enabled = Optional.of(flag.booleanValue());
        }
        return new Patch(enabled,
                present(json, "url").map(IndicoRequests::url),
                present(json, "contact").map(n -> text(json, "contact")),
                present(json, "email").map(IndicoRequests::email),
                present(json, "organization").map(n -> text(json, "organization")));
    }

    private JsonNode object(byte[] body) {
        if (body == null || body.length == 0) {
            throw IndicoApiException.invalidData("The body must be a JSON object");
        }
        if (body.length > maxBodyBytes) {
            throw IndicoApiException.invalidData("The body is larger than " + maxBodyBytes + " bytes");
        }
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (IOException e) {
            throw IndicoApiException.invalidData("The body is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw IndicoApiException.invalidData("The body must be a JSON object");
        }
        return json;
    }

    private static void rejectUnknownKeys(JsonNode json, Set<String> known) {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw IndicoApiException.unexpectedData(unknown.stream().sorted().toList());
        }
    }

    private static Optional<JsonNode> present(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw IndicoApiException.invalidValue(field, "must be a non-empty string");
        }
        String text = value.textValue().trim();
        if (text.length() > MAX_TEXT) {
            throw IndicoApiException.invalidValue(field, "must be at most " + MAX_TEXT + " characters");
        }
        return text;
    }

    private static InstanceUrl url(JsonNode value) {
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw IndicoApiException.invalidValue("url", "must be a non-empty string");
        }
        return InstanceUrl.parse(value.textValue())
                .orElseThrow(() -> IndicoApiException.invalidValue("url", "must be an absolute http(s) URL without credentials"));
    }

    private static String email(JsonNode value) {
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw IndicoApiException.invalidValue("email", "must be a non-empty string");
        }
        String email = value.textValue().trim();
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw IndicoApiException.invalidValue("email", "must be an e-mail address");
        }
        return email;
    }
}
