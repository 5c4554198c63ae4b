package org.observatory.common.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.observatory.common.problem.Problem;

/**
 * Gives every error answer of a service's document the body it really has: one {@code Problem} component
 * (RFC 9457, as {@link org.observatory.common.problem.ProblemMapper} writes it) on every 4xx and 5xx, and a
 * 401 and a 403 on every operation that needs a credential. Generic, so operations added later are covered.
 */
@OpenApiFilter(stages = {OpenApiFilter.RunStage.BUILD, OpenApiFilter.RunStage.RUNTIME_STARTUP})
public class ProblemResponsesFilter implements OASFilter {

    /** The component every error answer refers to. */
    public static final String PROBLEM = "Problem";
    /** The component of one field at fault in a validation problem. */
    public static final String FIELD_ERROR = "ProblemFieldError";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(FIELD_ERROR, fieldError());
        openAPI.getComponents().addSchema(PROBLEM, problem());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                describeErrors(operation);
            }
        }
    }

    private static void describeErrors(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            ensure(responses, "401", "No valid credential: the token is missing, expired or not signed by the issuer");
            ensure(responses, "403", "The credential does not carry the role this operation needs");
        }
        Map<String, APIResponse> all = responses.getAPIResponses();
        if (all == null) {
            return;
        }
        all.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(problemContent());
            }
        });
    }

    private static void ensure(APIResponses responses, String code, String description) {
        APIResponse response = responses.getAPIResponse(code);
        if (response == null) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        } else if (response.getDescription() == null || response.getDescription().startsWith("Not ")) {
            // Quarkus' own "Not Authorized" / "Not Allowed" say less than ours.
            response.setDescription(description);
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM)));
    }

    private static Schema problem() {
        return OASFactory.createSchema()
                .addType(SchemaType.OBJECT)
                .description("An RFC 9457 problem document: the body of every error answer.")
                .addProperty("type", string("A URI naming the kind of problem; about:blank when the status says it all")
                        .format("uri").example("about:blank"))
                .addProperty("title", string("A short summary of the kind of problem").example("Invalid field"))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .description("The HTTP status").example(400))
                .addProperty("detail", string("What went wrong with this request, for a person to read")
                        .example("limit: must be between 1 and 1000"))
                .addProperty("instance", string("The path of the request").example("/ixp/ixps"))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .description("For validation problems, each field at fault")
                        .items(OASFactory.createSchema().ref(FIELD_ERROR)))
                .required(List.of("title", "status"));
    }

    private static Schema fieldError() {
        return OASFactory.createSchema()
                .addType(SchemaType.OBJECT)
                .description("One field of the request that failed validation.")
                .addProperty("field", string("The parameter or body field at fault").example("limit"))
                .addProperty("message", string("Why it was refused").example("must be between 1 and 1000"))
                .required(List.of("field", "message"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }
}
