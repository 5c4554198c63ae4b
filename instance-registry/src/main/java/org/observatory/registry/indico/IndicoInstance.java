package org.observatory.registry.indico;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.observatory.registry.instance.Instance;

/** The instance as Indico's client sees it; {@code registered} is an RFC 1123 date, as Cephalopod sent it. */
public record IndicoInstance(UUID uuid, boolean enabled, String url, String contact, String email,
        String organization, String registered) {

    static IndicoInstance of(Instance instance) {
        return new IndicoInstance(instance.uuid, instance.enabled, instance.url, instance.contact, instance.email,
                instance.organization,
                DateTimeFormatter.RFC_1123_DATE_TIME.format(instance.registered.withOffsetSameInstant(ZoneOffset.UTC)));
    }
}
