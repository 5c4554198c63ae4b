package org.observatory.perfarchive.esmond;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * esmond's Python client compares {@code Content-Type} with the exact string {@code application/json};
 * the REST layer appends {@code ;charset=UTF-8}. Strip the suffix on the archive's JSON answers, at the very
 * last moment before the headers leave, whatever produced them.
 */
@ApplicationScoped
public class EsmondContentType {

    static final String JSON = "application/json";

    void install(@Observes Router router) {
        router.route("/esmond/*").order(-1000).handler(context -> {
            context.addHeadersEndHandler(ignored -> {
                String type = context.response().headers().get(HttpHeaders.CONTENT_TYPE);
                if (type != null && type.startsWith(JSON) && !type.equals(JSON)) {
                    context.response().headers().set(HttpHeaders.CONTENT_TYPE, JSON);
                }
            });
            context.next();
        });
    }
}
