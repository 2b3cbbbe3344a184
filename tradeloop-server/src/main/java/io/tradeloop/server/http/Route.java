package io.tradeloop.server.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

import java.util.List;

/**
 * One endpoint: how it is called, what it does, whether it needs an API key, its body and answer types
 * (for the OpenAPI document) and its handler. The route table in {@link HttpApi} is the single place
 * where endpoints are declared; the server registers and documents exactly these.
 *
 * @param method       HTTP method
 * @param path         path
 * @param summary      one line for the reference
 * @param auth         true when an API key is required
 * @param query        query parameters: "name: description"
 * @param requestBody  the body's record type, or null
 * @param response     the answer's type (record, List, or String for non-JSON), or null
 * @param statuses     the status codes it may answer, besides 401/429 for authenticated routes
 * @param handler      the handler
 */
record Route(HandlerType method, String path, String summary, boolean auth, List<String> query, Class<?> requestBody,
             Class<?> response, List<Integer> statuses, Handler handler) {
}
