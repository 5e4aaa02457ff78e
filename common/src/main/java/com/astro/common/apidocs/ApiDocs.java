package com.astro.common.apidocs;

/**
 * References to the error answers every service's OpenAPI document shares (RFC 9457 problem details, schema
 * {@code ProblemDetail}), for {@code @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)} on a handler.
 * 401 is added to every operation by {@link ApiDocsAutoConfiguration}: every API route needs a token.
 */
public final class ApiDocs {

    public static final String BAD_REQUEST = "#/components/responses/BadRequest";

    public static final String UNAUTHORIZED = "#/components/responses/Unauthorized";

    public static final String FORBIDDEN = "#/components/responses/Forbidden";

    public static final String NOT_FOUND = "#/components/responses/NotFound";

    public static final String CONFLICT = "#/components/responses/Conflict";

    public static final String GONE = "#/components/responses/Gone";

    public static final String SERVICE_UNAVAILABLE = "#/components/responses/ServiceUnavailable";

    /** The paths a service serves its document on, open without a token (never routed by the gateway). */
    public static final String[] DOCS_PATHS = { "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml" };

    private ApiDocs() {
    }
}
