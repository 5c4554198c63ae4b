package org.observatory.registry.indico;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.observatory.common.problem.Problem;

/** Maps the Indico API's refusals; every other error goes through the suite's ProblemMapper. */
public class IndicoApiExceptionMapper {

    @ServerExceptionMapper
    public Response indico(IndicoApiException e, UriInfo uri) {
        Response.ResponseBuilder answer = Response.status(e.status()).type(Problem.MEDIA_TYPE)
                .entity(e.body(uri == null ? null : uri.getRequestUri().getRawPath()))
                .header("Access-Control-Allow-Origin", "*");
        if (e.status() == 429) {
            answer.header("Retry-After", e.body(null).get("retry_after"));
        }
        return answer.build();
    }
}
