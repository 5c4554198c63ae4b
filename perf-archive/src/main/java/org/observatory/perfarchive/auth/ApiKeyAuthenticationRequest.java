package org.observatory.perfarchive.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An esmond key from the Authorization header; {@code username} only in the older {@code ApiKey user:key} form. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String username;
    private final String key;

    public ApiKeyAuthenticationRequest(String username, String key) {
        this.username = username;
        this.key = key;
    }

    public String username() {
        return username;
    }

    public String key() {
        return key;
    }
}
