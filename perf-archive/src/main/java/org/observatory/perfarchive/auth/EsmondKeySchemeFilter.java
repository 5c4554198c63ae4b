package org.observatory.perfarchive.auth;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Declares esmond's own write key as a scheme. Declared here rather than with {@code @SecurityScheme}: Quarkus
 * offers every annotated scheme to every {@code @RolesAllowed} operation, and only the esmond writes (which name
 * it with {@code @SecurityRequirement}) accept a key; the admin operations do not.
 */
@OpenApiFilter(stages = {OpenApiFilter.RunStage.BUILD, OpenApiFilter.RunStage.RUNTIME_STARTUP})
public class EsmondKeySchemeFilter implements OASFilter {

    /** The scheme of esmond's write keys. */
    public static final String ESMOND_KEY = "esmondToken";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSecurityScheme(ESMOND_KEY, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("Authorization")
                .description("esmond's write key, as its clients and pScheduler send it: 'Token <key>' (or the older"
                        + " 'ApiKey <user>:<key>'). Keys are made with createApiKey. esmond writes only."));
    }
}
